import { ArrowRightOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { formatMinute } from './cells';
import type { ClassChange, ClassSession } from './types';
import './changes.css';

type Session = Omit<ClassSession, 'id'>;

/** Two boxes side by side (stacked on a phone): the class as it was, an arrow, the change as proposed. */
function BeforeAfter({ before, after }: { before: ReactNode; after: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="yx-cl-diff" data-testid="change-diff">
      <div className="yx-cl-diff-side yx-cl-diff-before" data-testid="diff-before">
        <span className="yx-cl-diff-label">{t('classes.changes.before')}</span>
        {before}
      </div>
      <ArrowRightOutlined className="yx-cl-diff-arrow" aria-hidden />
      <div className="yx-cl-diff-side yx-cl-diff-after" data-testid="diff-after">
        <span className="yx-cl-diff-label">{t('classes.changes.after')}</span>
        {after}
      </div>
    </div>
  );
}

function NotRecorded() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('classes.changes.notRecorded')}</Typography.Text>;
}

function SessionList({ sessions, marked }: { sessions: Session[]; marked: (s: Session) => boolean }) {
  const { t, i18n } = useTranslation();
  if (sessions.length === 0) return <Typography.Text type="secondary">{t('classes.changes.none')}</Typography.Text>;
  return (
    <ul className="yx-cl-diff-list">
      {sessions.map((s) => (
        <li key={`${s.title}-${s.startsAt}`} className="yx-cl-diff-session">
          <Typography.Text strong={marked(s)}>{s.title}</Typography.Text>
          <Typography.Text type="secondary" className="yx-cl-sub">
            {formatMinute(s.startsAt, i18n.language)} – {formatMinute(s.endsAt, i18n.language)} · {s.venueName}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

const sessionKey = (s: Session) => `${s.title}|${s.venueName}|${Date.parse(s.startsAt)}|${Date.parse(s.endsAt)}`;

/** What a change does, before → after, in words a reviewer reads at a glance; what differs is highlighted. */
export function ChangeDiff({ change }: { change: ClassChange }) {
  const { t, i18n } = useTranslation();
  const { before, people } = change;
  const nameOf = (id: string) => people[id]?.name ?? id;
  const proposal = change.change;

  if (proposal.kind === 'dates') {
    const period = (start: string, end: string) =>
      `${formatDate(start, i18n.language)} – ${formatDate(end, i18n.language)}`;
    return (
      <BeforeAfter
        before={
          before?.kind === 'dates' ? (
            <span className="yx-cl-diff-value" data-testid="diff-value">
              {period(before.startDate, before.endDate)}
            </span>
          ) : (
            <NotRecorded />
          )
        }
        after={
          <span className="yx-cl-diff-value" data-testid="diff-value">
            {period(proposal.startDate, proposal.endDate)}
          </span>
        }
      />
    );
  }

  if (proposal.kind === 'teachers') {
    const old = before?.kind === 'teachers' ? before.teacherIds : null;
    const next = new Set(proposal.teacherIds);
    return (
      <BeforeAfter
        before={
          old ? (
            <Flex gap={6} wrap>
              {old.map((id) => (
                <Tag
                  key={id}
                  color={next.has(id) ? undefined : 'red'}
                  className={next.has(id) ? undefined : 'yx-cl-diff-removed'}
                >
                  {nameOf(id)}
                </Tag>
              ))}
            </Flex>
          ) : (
            <NotRecorded />
          )
        }
        after={
          <Flex gap={6} wrap>
            {proposal.teacherIds.map((id) => (
              <Tag key={id} color={old && !old.includes(id) ? 'green' : undefined}>
                {nameOf(id)}
              </Tag>
            ))}
          </Flex>
        }
      />
    );
  }

  if (proposal.kind === 'sessions') {
    const old = before?.kind === 'sessions' ? before.sessions : null;
    const oldKeys = new Set((old ?? []).map(sessionKey));
    const newKeys = new Set(proposal.sessions.map(sessionKey));
    return (
      <BeforeAfter
        before={old ? <SessionList sessions={old} marked={(s) => !newKeys.has(sessionKey(s))} /> : <NotRecorded />}
        after={<SessionList sessions={proposal.sessions} marked={(s) => !oldKeys.has(sessionKey(s))} />}
      />
    );
  }

  // The roster: who comes in and who leaves, and the head count before and after.
  const count = before?.kind === 'roster' ? before.learnerCount : null;
  const person = (id: string) => (
    <span>
      {nameOf(id)}{' '}
      <Typography.Text type="secondary" className="yx-cl-mono yx-cl-sub">
        {people[id]?.idNumberMasked}
      </Typography.Text>
    </span>
  );
  return (
    <BeforeAfter
      before={
        count === null ? (
          <NotRecorded />
        ) : (
          <span className="yx-cl-diff-value">{t('classes.changes.learnerCount', { count })}</span>
        )
      }
      after={
        <Flex vertical gap={8}>
          {count !== null && (
            <span className="yx-cl-diff-value">
              {t('classes.changes.afterCount', { count: count + proposal.add.length - proposal.remove.length })}
            </span>
          )}
          {proposal.add.length > 0 && (
            <div>
              <Tag color="green">{t('classes.changes.added', { count: proposal.add.length })}</Tag>
              <ul className="yx-cl-diff-list">
                {proposal.add.map((id) => (
                  <li key={id}>{person(id)}</li>
                ))}
              </ul>
            </div>
          )}
          {proposal.remove.length > 0 && (
            <div>
              <Tag color="red">{t('classes.changes.removed', { count: proposal.remove.length })}</Tag>
              <ul className="yx-cl-diff-list">
                {proposal.remove.map((id) => (
                  <li key={id} className="yx-cl-diff-removed">
                    {person(id)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Flex>
      }
    />
  );
}
