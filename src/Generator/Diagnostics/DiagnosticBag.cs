using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Diagnostics;

/// <summary>Collects diagnostics while lowering keeps walking, so a user sees every problem in one build.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<DiagnosticInfo> items = new();

    public bool HasErrors => items.Count > 0;

    public void Add(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        items.Add(new DiagnosticInfo(descriptor.Id, SourceSpan.From(location), arguments.ToEquatableArray()));

    public EquatableArray<DiagnosticInfo> ToEquatableArray() => items.ToEquatableArray();
}
