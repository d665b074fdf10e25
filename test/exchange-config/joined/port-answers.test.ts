import { advertisedSize, hasCapability, portAnswers, sizeText } from '../../../src/exchange-config/joined/port-answers';
import { DEFAULT_FRONTEND_EHLO, frontend, parse, portReport, relay, report, THREAD_PORT_25 } from '../helpers/format-list';

describe('portAnswers', () => {
  it('singles out the connector whose MaxMessageSize the port advertised as SIZE', () => {
    const [answer] = portAnswers(report([portReport(25, THREAD_PORT_25)]), parse(frontend(), relay()));
    expect(answer.size).toBe(62423040);
    expect(answer.bound.map((rc) => rc.identity)).toEqual(['SRVEX01\\Default Frontend SRVEX01', 'SRVEX01\\Relay SRVEX01']);
    expect(answer.answering?.identity).toBe('SRVEX01\\Relay SRVEX01');
  });

  it('takes the only connector bound to a port when its size is unknown, and none when SIZE contradicts it', () => {
    const { MaxMessageSize: _dropped, ...noSize } = frontend();
    expect(portAnswers(report([portReport(25, THREAD_PORT_25)]), parse(noSize))[0].answering?.identity).toBe('SRVEX01\\Default Frontend SRVEX01');
    expect(portAnswers(report([portReport(25, THREAD_PORT_25)]), parse(frontend()))[0].answering).toBeUndefined();
  });

  it('reads SIZE and keywords from the EHLO answer', () => {
    const port = portReport(25, DEFAULT_FRONTEND_EHLO);
    expect(advertisedSize(port)).toBe(37748736);
    expect(advertisedSize(portReport(25, ['SIZE']))).toBeNull();
    expect(advertisedSize(portReport(25, ['PIPELINING']))).toBeUndefined();
    expect(hasCapability(port, 'X-ANONYMOUSTLS')).toBe(true);
    expect(sizeText(62423040)).toBe('SIZE 62423040 (59.53 MB)');
  });

  it('leaves out ports that never answered EHLO', () => {
    const silent = { ...portReport(25, []), ehloCommand: undefined };
    expect(portAnswers(report([silent]), parse(frontend()))).toEqual([]);
  });
});
