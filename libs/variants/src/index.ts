export * from './dataset.entity';
export * from './dataset.service';
export * from './dataset.resolver';
export * from './models/dataset.model';
export * from './dto/create-dataset.input';
export * from './variants.module';
export * from './contig';
