// Messages of the authoring feature, merged into the app's translation namespace under the key "authoring".
export const authoringMessages = {
  'zh-CN': { authoring: {} },
  en: { authoring: {} },
};
