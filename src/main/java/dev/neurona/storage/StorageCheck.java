package dev.neurona.storage;

/** What the storage health indicator asks of a store: cheap, and throwing with the reason when it cannot work. */
interface StorageCheck {

    void check() throws Exception;
}
