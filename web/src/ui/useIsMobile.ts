import { Grid } from 'antd';

/** True below the md breakpoint (768 px): phones and small tablets. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}
