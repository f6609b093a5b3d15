import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { trainingRoomsResponses } from './training-rooms.contract.js';

const tags = ['institutions'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 60 });
const CidrText = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'A public address (203.0.113.7) or range (203.0.113.0/28, 2001:db8:1::/48); at most /24 or /48',
});
const Seats = Type.Integer({ minimum: 1, maximum: 2000 });

export function trainingRoomRoutes(app: App, services: Services) {
  const session = { access: 'session' as const };
  const { trainingRooms } = services;

  app.get(
    '/institutions/:id/training-rooms',
    {
      config: session,
      schema: {
        tags,
        summary: "The institution's declared training rooms (its administrators; regulators of the subtree; operators)",
        params: StrictObject({ id: Id }),
        response: trainingRoomsResponses['GET /institutions/:id/training-rooms'],
      },
    },
    async (request) => ({ items: await trainingRooms.list(requireActor(request), request.params.id) }),
  );

  app.post(
    '/institutions/:id/training-rooms',
    {
      config: session,
      schema: {
        tags,
        summary: 'Declares a training room: name, public address range, seats (institution administrators; audited)',
        params: StrictObject({ id: Id }),
        body: StrictObject({ name: Name, cidr: CidrText, seats: Seats }),
        response: trainingRoomsResponses['POST /institutions/:id/training-rooms'],
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        room: await trainingRooms.create(requireActor(request), request.params.id, request.body, requestMeta(request)),
      }),
  );

  app.patch(
    '/institutions/:id/training-rooms/:roomId',
    {
      config: session,
      schema: {
        tags,
        summary: 'Changes a training room (audited)',
        params: StrictObject({ id: Id, roomId: Id }),
        body: StrictObject({ name: Type.Optional(Name), cidr: Type.Optional(CidrText), seats: Type.Optional(Seats) }),
        response: trainingRoomsResponses['PATCH /institutions/:id/training-rooms/:roomId'],
      },
    },
    async (request) => ({
      room: await trainingRooms.update(
        requireActor(request),
        request.params.id,
        request.params.roomId,
        request.body,
        requestMeta(request),
      ),
    }),
  );

  app.delete(
    '/institutions/:id/training-rooms/:roomId',
    {
      config: session,
      schema: {
        tags,
        summary: 'Removes a training room (audited)',
        params: StrictObject({ id: Id, roomId: Id }),
        response: trainingRoomsResponses['DELETE /institutions/:id/training-rooms/:roomId'],
      },
    },
    async (request, reply) => {
      await trainingRooms.remove(requireActor(request), request.params.id, request.params.roomId, requestMeta(request));
      return reply.code(204).send();
    },
  );
}
