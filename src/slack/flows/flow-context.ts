import type { RespondFn, SlashCommand, webApi } from '@slack/bolt';
import type { BotDeps } from '../bot-deps';
import { SlackApi } from '../slack-api';

/** What every flow is handed: the bot's shared parts and the Web API through the request's client. */
export interface FlowContext extends BotDeps {
  api: SlackApi;
}

/** A command or a click: the person who asked can be answered privately, through its response_url. */
export interface RequestContext extends FlowContext {
  respond: RespondFn;
}

/** A `/starttls` command. */
export interface CommandContext extends RequestContext {
  command: SlashCommand;
}

export function flowContext(deps: BotDeps, client: webApi.WebClient): FlowContext {
  return { ...deps, api: new SlackApi(client) };
}

export function requestContext(deps: BotDeps, client: webApi.WebClient, respond: RespondFn): RequestContext {
  return { ...flowContext(deps, client), respond };
}
