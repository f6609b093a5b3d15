import { App, Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useUpdateCourse } from './api';
import { CourseFields, courseInput, showCourseFieldError, type CourseFormValues } from './CourseFields';
import type { CourseDetail } from './types';

/** Title, summary, category, occupation and level of an existing course. */
export function CourseInfoForm({ course, operator }: { course: CourseDetail; operator: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CourseFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const update = useUpdateCourse(course.id);

  const onFinish = (values: CourseFormValues) => {
    setFormError(null);
    update.mutate(courseInput(values, operator, course), {
      onSuccess: () => void message.success(t('authoring.saved')),
      onError: (error) => {
        if (!showCourseFieldError(form, error, t, i18n.language)) setFormError(error);
      },
    });
  };

  return (
    <>
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<CourseFormValues>
        form={form}
        name="courseInfo"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          title: course.title,
          summary: course.summary,
          categoryCode: course.categoryCode,
          occupationCode: course.occupationCode,
          level: course.level,
          generalModuleCode: course.generalModuleCode,
        }}
      >
        <CourseFields
          narrow
          existing
          form={form}
          operator={operator}
          occupation={
            course.occupationCode && course.occupationName
              ? { code: course.occupationCode, name: course.occupationName }
              : null
          }
        />
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('authoring.save')}
        </Button>
      </Form>
    </>
  );
}
