using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace SymGrad.Generator.Model;

/// <summary>
/// An immutable array with structural equality, so pipeline models that hold lists compare by value
/// and an unchanged method stops the incremental pipeline at <c>Cached</c>/<c>Unchanged</c>.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    public static readonly EquatableArray<T> Empty = new(ImmutableArray<T>.Empty);

    private readonly ImmutableArray<T> items;

    public EquatableArray(ImmutableArray<T> items) => this.items = items;

    public EquatableArray(IEnumerable<T> items) => this.items = items.ToImmutableArraySafe();

    public ImmutableArray<T> AsImmutableArray() => items.IsDefault ? ImmutableArray<T>.Empty : items;

    public int Count => items.IsDefault ? 0 : items.Length;

    public T this[int index] => items[index];

    /// <summary>Whether both hold the very same array (not only equal items): a cheap "nothing changed" test for rewrites.</summary>
    public bool IsSameInstance(EquatableArray<T> other) => items == other.items;

    public bool Equals(EquatableArray<T> other)
    {
        ImmutableArray<T> left = AsImmutableArray();
        ImmutableArray<T> right = other.AsImmutableArray();
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in AsImmutableArray())
        {
            hash = unchecked((hash * 31) + (item is null ? 0 : item.GetHashCode()));
        }

        return hash;
    }

    /// <summary>The struct enumerator <c>foreach</c> uses: a walk over a block allocates nothing (the interface's enumerator is boxed).</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
}

internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);

    internal static ImmutableArray<T> ToImmutableArraySafe<T>(this IEnumerable<T> items) => ImmutableArray.CreateRange(items);
}
