import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { SEAL_KINDS } from './leaves.js';
import { sealResponses } from './seal.contract.js';

const TreeSize = Type.Integer({ minimum: 1, maximum: 2 ** 52 });

export function sealRoutes(app: App, { seal }: Services) {
  const tags = ['seal'];
  app.get(
    '/seal/tree-head',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'The latest signed tree head of the evidence seal (regulators and the operator)',
        response: sealResponses['GET /seal/tree-head'],
      },
    },
    async (request) => seal.latest(requireActor(request)),
  );
  app.get(
    '/seal/inclusion',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'The audit path of a sealed record in the latest (or a given) signed tree head',
        querystring: StrictObject({
          kind: Type.Union(SEAL_KINDS.map((k) => Type.Literal(k))),
          id: Type.String({ minLength: 1, maxLength: 36 }),
          treeSize: Type.Optional(TreeSize),
        }),
        response: sealResponses['GET /seal/inclusion'],
      },
    },
    async (request) => seal.inclusion(requireActor(request), request.query),
  );
  app.get(
    '/seal/consistency',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'The proof that one signed tree head is a prefix of a later one',
        querystring: StrictObject({ first: TreeSize, second: TreeSize }),
        response: sealResponses['GET /seal/consistency'],
      },
    },
    async (request) => seal.consistency(requireActor(request), request.query),
  );
  app.get(
    '/public/seal-key',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The public key that checks the seal’s tree heads (Ed25519, PEM)',
        response: sealResponses['GET /public/seal-key'],
      },
    },
    async () => seal.publicKey(),
  );
}
