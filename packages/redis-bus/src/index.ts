export { RedisRoomBus, type RedisRoomBusOptions } from './RedisRoomBus.ts'
export { decodeBusMessage, encodeBusMessage, type BusMessage } from './busMessage.ts'
