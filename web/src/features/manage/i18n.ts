// Messages of the manage feature, merged into the app's translation namespace under the key "manage".
export const manageMessages = {
  'zh-CN': { manage: {} },
  en: { manage: {} },
};
