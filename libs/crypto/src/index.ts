export { CryptoModule } from './crypto.module';
export {
  type DataKeyInfo,
  type DataKeyRow,
  dataKeyRowsSql,
  EnvelopeService,
  type Opener,
  type Sealer,
} from './envelope.service';
export { KeyRingStartupError, MasterKeyRing } from './master-key-ring';
export { sealedKeyVersion } from './aead';
