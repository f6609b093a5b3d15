import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { enrolmentPhotoUrl } from './api';

/** A stored face photo with its caption; the server audits every viewing, so tiles load only where a review needs them. */
export function PhotoTile({
  title,
  enrolmentId,
  empty,
  children,
  testId,
}: {
  title: ReactNode;
  enrolmentId: string | null | undefined;
  empty: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="yx-fc-photo" data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <div className="yx-fc-photo-frame">
        {enrolmentId ? (
          <img src={enrolmentPhotoUrl(enrolmentId)} alt="" loading="lazy" />
        ) : (
          <span style={{ padding: 12 }}>{empty}</span>
        )}
      </div>
      {children}
    </div>
  );
}
