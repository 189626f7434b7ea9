using System.Linq;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.References;

/// <summary>
/// Which SymGrad.Runtime types that generated code may name are missing from the compilation. A project that
/// references the attributes and the generator but not the runtime would otherwise get CS0234 inside a .g.cs file,
/// which points at code the user never wrote; SYMGRAD0008 at the method says which package to add instead.
/// A value-equal record of names, so a new compilation with the same references stops the pipeline here.
/// </summary>
internal sealed record RuntimeTypes(EquatableArray<string> Missing)
{
    /// <summary>Every runtime type the emitter writes as <c>global::SymGrad.{Name}</c>.</summary>
    private static readonly string[] Used = { "SymGrad.ValueTape", "SymGrad.SymMath", "SymGrad.Kernels" };

    public static RuntimeTypes Of(Compilation compilation) =>
        new(Used.Where(name => compilation.GetTypeByMetadataName(name) is null).ToEquatableArray());

    /// <summary>The first missing type the generated source names, or null when it compiles against this project.</summary>
    public string? FirstMissingIn(Microsoft.CodeAnalysis.Text.SourceText text)
    {
        if (Missing.Count == 0)
        {
            return null;
        }

        string source = text.ToString();
        foreach (string name in Missing)
        {
            if (Names(source, "global::" + name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="qualified"/> occurs as a whole name (not as the start of a longer one).</summary>
    private static bool Names(string source, string qualified)
    {
        for (int at = source.IndexOf(qualified, System.StringComparison.Ordinal); at >= 0; at = source.IndexOf(qualified, at + 1, System.StringComparison.Ordinal))
        {
            int next = at + qualified.Length;
            if (next == source.Length || !(char.IsLetterOrDigit(source[next]) || source[next] == '_'))
            {
                return true;
            }
        }

        return false;
    }
}
