export * from './beacon-query';
export * from './beacon-answer';
export * from './beacon.repository';
export * from './beacon.service';
export * from './beacon.resolver';
export * from './beacon.module';
export * from './models/beacon-response.model';
export * from './dto/beacon-query.input';
