import { Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useCreateCourse } from './api';
import { CourseFields, courseInput, showCourseFieldError, type CourseFormValues } from './CourseFields';

/** Title, summary, category, occupation and level of a new draft; then on to its editor. */
export function CreateCourseDialog({ operator, onClose }: { operator: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<CourseFormValues>();
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateCourse();

  const onFinish = (values: CourseFormValues) => {
    setFormError(null);
    create.mutate(courseInput(values, operator), {
      onSuccess: ({ course }) => navigate(`/courses/${course.id}`),
      onError: (error) => {
        if (!showCourseFieldError(form, error, t, i18n.language)) setFormError(error);
      },
    });
  };

  return (
    <Modal
      open
      title={t('authoring.form.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('authoring.form.create')}
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<CourseFormValues> form={form} name="course" layout="vertical" onFinish={onFinish}>
        <CourseFields form={form} operator={operator} />
      </Form>
    </Modal>
  );
}
