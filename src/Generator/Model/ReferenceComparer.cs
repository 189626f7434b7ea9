using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace SymGrad.Generator.Model;

/// <summary>
/// Compares by reference. IR records compare by value (recursively, over whole trees); memo tables
/// keyed by a node use this instead, so a lookup costs O(1) whatever the node's size.
/// </summary>
internal sealed class ReferenceComparer : IEqualityComparer<object>
{
    public static readonly ReferenceComparer Instance = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
}
