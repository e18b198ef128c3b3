export { CryptoModule } from './crypto.module';
export {
  EnvelopeService,
  fieldAad,
  type FieldRef,
  type Sealer,
  type Opener,
  type DataKeyInfo,
} from './envelope.service';
export { MasterKeyRing, KeyRingStartupError, type WrappedKeyUsage } from './master-key-ring';
export { DatasetKeyEntity } from './dataset-key.entity';
export { sealedKeyVersion } from './aead';
