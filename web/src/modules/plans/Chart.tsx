// The plans pages draw with the web app's one ECharts host.
export { Chart } from '../../kernel/components/Chart';
