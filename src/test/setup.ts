// fake-indexeddb gives storage tests a real IndexedDB implementation in Node.
import 'fake-indexeddb/auto';
