import { Grid } from 'antd';

/** Phone-sized screen (below antd's `md`, 768 px). */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** Drawer size: a fixed width on desktop, the full width on a phone. */
export function useDrawerSize(desktop = 560): number | string {
  return useIsMobile() ? '100%' : desktop;
}
