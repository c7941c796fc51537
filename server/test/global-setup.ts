import { prepareTemplate } from './template';

export default async function setup(): Promise<void> {
  await prepareTemplate();
}
