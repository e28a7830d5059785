import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../testing/databases.ts';
import { freePort } from '../../testing/pg-cluster.ts';
import { httpSession, killHard, startServerProcess } from '../../testing/server-process.ts';

const approval = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="x">
  <bpmn:process id="permit" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:userTask id="review" camunda:candidateGroups="staff" />
    <bpmn:parallelGateway id="split" /><bpmn:parallelGateway id="join" />
    <bpmn:serviceTask id="notify" camunda:topic="notification" /><bpmn:userTask id="sign" camunda:candidateGroups="leader" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="review" /><bpmn:sequenceFlow id="b" sourceRef="review" targetRef="split" />
    <bpmn:sequenceFlow id="c" sourceRef="split" targetRef="notify" /><bpmn:sequenceFlow id="d" sourceRef="split" targetRef="sign" />
    <bpmn:sequenceFlow id="e" sourceRef="notify" targetRef="join" /><bpmn:sequenceFlow id="f" sourceRef="sign" targetRef="join" />
    <bpmn:sequenceFlow id="g" sourceRef="join" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

type Call = Awaited<ReturnType<typeof httpSession>>;

/** A fresh item of the Xihu government with this process deployed. */
async function deployItem(base: string, bpmnXml: string): Promise<string> {
  const admin: Call = await httpSession(base, 'xihu.orgadmin');
  const orgId = (await admin('GET', '/api/v1/auth/me')).json.me.orgId as string;
  let parentId: string | null = null;
  for (const [level, name] of [
    ['core', '市场监管'],
    ['module', '许可'],
    ['unit', '食品'],
    ['item', '食品经营许可'],
  ] as const) {
    const created = await admin('POST', '/api/v1/model/nodes', {
      orgId,
      parentId,
      level,
      name,
      ...(level === 'item' ? { itemType: 'service' } : {}),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    parentId = created.json.id;
  }
  const deployed = await admin('POST', `/api/v1/model/items/${parentId}/process-versions`, { bpmnXml });
  expect(deployed.status, JSON.stringify(deployed.json)).toBe(201);
  return parentId!;
}

const waitThenReview = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="x">
  <bpmn:process id="publicity_process" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="publicity" name="公示期"><bpmn:timerEventDefinition><bpmn:timeDuration>PT3S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="review" camunda:candidateGroups="staff" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="publicity" /><bpmn:sequenceFlow id="b" sourceRef="publicity" targetRef="review" />
    <bpmn:sequenceFlow id="c" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * SIGKILL at random moments while many instances move: after each restart every acknowledged
 * step is there, every instance is in one consistent place, and each notification ran once.
 */
describe('the workflow engine under kill -9 (PGlite)', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('a timer that fell due while the node was down fires after the restart, once', { timeout: 120_000 }, async () => {
    database = await openTestDatabase('pglite');
    await database.db.close();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { ZHILI_TIMER_INTERVAL_MS: '100' };
    let server = await startServerProcess(database.dataDir, port, env);
    const itemId = await deployItem(base, waitThenReview);
    let officer = await httpSession(base, 'xihu.officer');
    const started = await officer('POST', '/api/v1/workflow/instances', { itemId, variables: {} });
    expect(started.json.activeNodeIds).toEqual(['publicity']);
    await killHard(server);
    await new Promise((r) => setTimeout(r, 3500)); // the timer falls due while nothing runs
    server = await startServerProcess(database.dataDir, port, env);
    officer = await httpSession(base, 'xihu.officer');
    let state = (await officer('GET', `/api/v1/workflow/instances/${started.json.id}`)).json;
    for (let i = 0; i < 100 && !state.activeNodeIds.includes('review'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      state = (await officer('GET', `/api/v1/workflow/instances/${started.json.id}`)).json;
    }
    expect(state.activeNodeIds).toEqual(['review']);
    await new Promise((r) => setTimeout(r, 500)); // more ticks of the loop change nothing
    state = (await officer('GET', `/api/v1/workflow/instances/${started.json.id}`)).json;
    expect(state.history.filter((h: { action: string }) => h.action === 'timer.fire')).toHaveLength(1);
    expect(state.history.filter((h: { action: string }) => h.action === 'task.create')).toHaveLength(1);
    await killHard(server);
  });

  it('loses no completed step and repeats no effect', { timeout: 240_000 }, async () => {
    database = await openTestDatabase('pglite');
    await database.db.close();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let server = await startServerProcess(database.dataDir, port);

    const itemId = await deployItem(base, approval);

    let officer = await httpSession(base, 'xihu.officer');
    let leader = await httpSession(base, 'xihu.leader');
    const instances: string[] = [];
    for (let i = 0; i < 24; i++) {
      const started = await officer(
        'POST',
        '/api/v1/workflow/instances',
        { itemId, variables: { n: i } },
        { 'idempotency-key': `start-instance-${i}` },
      );
      expect(started.status, JSON.stringify(started.json)).toBe(201);
      instances.push(started.json.id);
    }

    const acknowledged = new Set<string>(); // task ids whose completion answered 200
    for (let round = 0; round < 3; round++) {
      const work = (async () => {
        for (const who of [officer, leader]) {
          const tasks = (await who('GET', '/api/v1/workflow/tasks')).json.items as { id: string }[];
          await Promise.all(
            [0, 1, 2].map(async (lane) => {
              for (const task of tasks.filter((_, i) => i % 3 === lane)) {
                const done = await who('POST', `/api/v1/workflow/tasks/${task.id}/complete`, { variables: { round } }).catch(() => null);
                if (done?.status === 200) acknowledged.add(task.id);
              }
            }),
          );
        }
      })().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
      await killHard(server);
      await work;
      server = await startServerProcess(database.dataDir, port);
      officer = await httpSession(base, 'xihu.officer');
      leader = await httpSession(base, 'xihu.leader');

      for (const id of acknowledged) {
        const task = await officer('GET', `/api/v1/workflow/tasks/${id}`);
        const viaLeader = task.status === 200 ? task : await leader('GET', `/api/v1/workflow/tasks/${id}`);
        expect(viaLeader.json.status, id).toBe('completed');
      }
      for (const id of instances) {
        const state = (await officer('GET', `/api/v1/workflow/instances/${id}`)).json;
        const runs = state.history.filter((h: { action: string }) => h.action === 'service.run').length;
        const reviewed = state.history.some(
          (h: { action: string; nodeId: string }) => h.action === 'task.complete' && h.nodeId === 'review',
        );
        expect(runs, id).toBe(reviewed ? 1 : 0);
        if (state.status === 'running') expect(state.activeNodeIds.length, id).toBeGreaterThan(0);
      }
    }

    // Finish everything that is left: every instance completes, each notification ran once.
    for (let pass = 0; pass < 3; pass++) {
      for (const who of [officer, leader]) {
        for (const task of (await who('GET', '/api/v1/workflow/tasks')).json.items as { id: string }[])
          await who('POST', `/api/v1/workflow/tasks/${task.id}/complete`, { variables: {} });
      }
    }
    for (const id of instances) {
      const state = (await officer('GET', `/api/v1/workflow/instances/${id}`)).json;
      expect(state.status, id).toBe('completed');
      expect(state.history.filter((h: { action: string }) => h.action === 'service.run')).toHaveLength(1);
    }
    await killHard(server);
  });
});
