// Messages of the catalog feature, merged into the app's translation namespace under the key "catalog".
export const catalogMessages = {
  'zh-CN': { catalog: {} },
  en: { catalog: {} },
};
