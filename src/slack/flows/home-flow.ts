import { homeView } from '../blocks/home-blocks';
import { helpFacts } from '../config';
import type { FlowContext } from './flow-context';

export interface HomeContext extends FlowContext {
  /** Who opened the Home tab. */
  user: string;
}

/** The Home tab: how to use the bot and, when it has watches, their list. */
export async function homeFlow(ctx: HomeContext): Promise<void> {
  try {
    await publishHome(ctx, ctx.user);
  } catch (err) {
    ctx.logger.warn('could not publish the Home tab', { err });
  }
}

export async function publishHome(ctx: FlowContext, user: string): Promise<void> {
  await ctx.api.publishHome(user, homeView(helpFacts(ctx.config), await ctx.watches?.list()));
}
