// wasi:http/types, the same on every platform: the resources a component builds and reads
// (see http.js for how a host makes and reads them).
import { FutureTrailers, IncomingBody, OutgoingBody } from './bodies.js';
import { httpErrorCode } from './errors.js';
import { Fields } from './fields.js';
import { IncomingRequest, OutgoingRequest, RequestOptions } from './requests.js';
import { FutureIncomingResponse, IncomingResponse, OutgoingResponse, ResponseOutparam } from './responses.js';

export const types = {
  Fields,
  IncomingRequest,
  OutgoingRequest,
  RequestOptions,
  ResponseOutparam,
  IncomingResponse,
  IncomingBody,
  FutureTrailers,
  OutgoingResponse,
  OutgoingBody,
  FutureIncomingResponse,
  httpErrorCode,
};
