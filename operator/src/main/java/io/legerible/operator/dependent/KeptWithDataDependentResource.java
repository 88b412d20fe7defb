package io.legerible.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.legerible.operator.api.LegeribleLibrary;
import io.legerible.operator.api.LegeribleLibrarySpec;
import io.legerible.operator.naming.LibraryNaming;
import java.util.Optional;
import java.util.Set;

/**
 * A created-once object that belongs with data kept on deletion (a password a kept database
 * remembers, the stream's checkpoint of offsets in a kept Kafka): when that data is kept, so is the
 * object, unowned, and a re-created library finds it again by name; otherwise the library owns it.
 */
public abstract class KeptWithDataDependentResource<R extends HasMetadata>
    extends CreateOnlyDependentResource<R> {

  protected KeptWithDataDependentResource(Class<R> type) {
    super(type);
  }

  /** The object with fresh values, before ownership is decided. */
  protected abstract R generate(LegeribleLibrary library);

  /** Whether deleting {@code library} keeps the data this object belongs with. */
  protected abstract boolean keptOnDelete(LegeribleLibrary library);

  @Override
  public final R build(LegeribleLibrary library, DesiredInputs inputs) {
    R object = generate(library);
    if (!keptOnDelete(library)) {
      object.addOwnerReference(library);
    }
    return object;
  }

  /** Ownership is decided in {@link #build}, by the data's retention. */
  @Override
  protected boolean addOwnerReference() {
    return false;
  }

  /**
   * Turning off what the object belongs with (a managed database made external, the stream
   * disabled) keeps it: the kept data still needs it when the choice is turned back on. An owned
   * object goes with its library.
   */
  @Override
  protected void handleDelete(
      LegeribleLibrary library, R object, Context<LegeribleLibrary> context) {}

  /**
   * A kept object has no owner reference to map it to its library: its instance label does (the
   * same for owned ones), so the library finds it in the cache and never creates it twice.
   */
  @Override
  protected Optional<SecondaryToPrimaryMapper<R>> getSecondaryToPrimaryMapper(
      EventSourceContext<LegeribleLibrary> context) {
    return Optional.of(
        object ->
            Optional.ofNullable(object.getMetadata().getLabels())
                .map(labels -> labels.get(LibraryNaming.INSTANCE_LABEL))
                .map(
                    library -> Set.of(new ResourceID(library, object.getMetadata().getNamespace())))
                .orElse(Set.of()));
  }

  /** Whether deleting the library keeps the database's claim (an external database is kept). */
  public static boolean databaseKept(LegeribleLibrary library) {
    var postgres = library.getSpec().postgres;
    return !postgres.managedByOperator() || Boolean.TRUE.equals(postgres.managed.retainOnDelete);
  }

  /**
   * Whether deleting the library keeps both what the ranking stream reads (Kafka's log) and what it
   * wrote (Cassandra's rankings): only then does its checkpoint still describe them.
   */
  public static boolean rankingDataKept(LegeribleLibrary library) {
    LegeribleLibrarySpec spec = library.getSpec();
    boolean kafkaKept =
        !spec.kafka.managedByOperator() || Boolean.TRUE.equals(spec.kafka.managed.retainOnDelete);
    boolean cassandraKept =
        !spec.cassandra.managedByOperator()
            || Boolean.TRUE.equals(spec.cassandra.managed.retainOnDelete);
    return kafkaKept && cassandraKept;
  }
}
