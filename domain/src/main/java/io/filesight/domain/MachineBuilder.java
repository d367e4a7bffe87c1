package io.filesight.domain;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link Machine} property by property ({@link MachineProperty}); used by the adapters
 * that read machines, by tests and by embedders. A property never set has its {@link
 * MachineProperty#absent()} value.
 */
public final class MachineBuilder {
  /** Machine's canonical constructor, whose parameters {@link MachineProperty#ALL} lists. */
  private static final Constructor<Machine> CANONICAL = canonicalConstructor();

  private final Object[] values = new Object[MachineProperty.ALL.size()];

  MachineBuilder(MachineId id) {
    for (MachineProperty<?> property : MachineProperty.ALL) {
      values[property.index()] = property.absent();
    }
    values[MachineProperty.ID.index()] = id;
  }

  MachineBuilder(Machine machine) {
    for (MachineProperty<?> property : MachineProperty.ALL) {
      values[property.index()] = property.of(machine);
    }
  }

  /** Sets {@code property}; null gives it its {@link MachineProperty#absent()} value. */
  public <T> MachineBuilder with(MachineProperty<T> property, T value) {
    values[property.index()] = value == null ? property.absent() : value;
    return this;
  }

  /**
   * The machine.
   *
   * @throws IllegalArgumentException when the properties break the machine's invariants
   * @throws NullPointerException without an id
   */
  public Machine build() {
    try {
      return CANONICAL.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("building a machine failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Machine's canonical constructor is not usable", e);
    }
  }

  /**
   * The record's canonical constructor, after checking that {@link MachineProperty#ALL} names its
   * components in order with their types: a property missing, misplaced or of another type fails
   * here, at the first machine built, rather than fill a component with another one's value.
   */
  private static Constructor<Machine> canonicalConstructor() {
    RecordComponent[] components = Machine.class.getRecordComponents();
    List<MachineProperty<?>> properties = MachineProperty.ALL;
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      MachineProperty<?> property = i < properties.size() ? properties.get(i) : null;
      if (property == null
          || property.index() != i
          || !property.name().equals(components[i].getName())
          || !accepts(property, types[i])) {
        throw new IllegalStateException(
            "MachineProperty.ALL must list Machine's components in order: component "
                + i
                + " is "
                + components[i].getName()
                + " ("
                + types[i].getSimpleName()
                + "), the property there is "
                + property);
      }
    }
    if (properties.size() != components.length) {
      throw new IllegalStateException(
          "MachineProperty.ALL has "
              + properties.size()
              + " properties, Machine "
              + components.length
              + " components");
    }
    try {
      return Machine.class.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Machine has no canonical constructor", e);
    }
  }

  /** Whether a component of {@code type} holds what {@code property}'s kind holds. */
  private static boolean accepts(MachineProperty<?> property, Class<?> type) {
    switch (property.kind()) {
      case MACHINE_ID:
        return type == MachineId.class;
      case FLAG:
        return type == boolean.class;
      case TEXT:
        return type == String.class;
      case TIME:
        return type == java.time.Instant.class;
      case WHOLE_NUMBER:
        return type == Long.class || (type == long.class && property.absent() != null);
      case CHOICE:
        return type.isEnum() && WireValue.class.isAssignableFrom(type);
      case TEXTS:
      case IP_ADDRESSES:
        return type == List.class;
      case VM_METADATA:
        return type == VmMetadata.class;
      default:
        throw new IllegalStateException("unknown kind " + Objects.requireNonNull(property.kind()));
    }
  }
}
