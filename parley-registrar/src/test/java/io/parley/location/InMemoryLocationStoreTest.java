package io.parley.location;

class InMemoryLocationStoreTest extends LocationStoreContractTest {

    @Override
    LocationStore openStore() {
        return new InMemoryLocationStore();
    }
}
