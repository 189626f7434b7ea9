using System.Collections.Generic;

namespace SymGrad.Generator.Naming;

/// <summary>
/// Hands out identifiers that collide with nothing already used in the method: the first request
/// for a stem gets the stem itself, later ones get <c>stem2</c>, <c>stem3</c>, ...
/// </summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> used = new();

    /// <summary>The next suffix to try per stem, so allocating k names of one stem costs O(k), not O(k²).</summary>
    private readonly Dictionary<string, int> nextSuffix = new();
    private readonly Dictionary<string, (string Stem, int Suffix)> suffixOf = new();

    /// <summary>The names given at construction: the method's own (parameters, locals, lowering's temporaries).</summary>
    private readonly HashSet<string> initial = new();

    private static readonly char[] Digits = { '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' };

    /// <summary>
    /// The identifier without its verbatim <c>@</c>. Not <c>TrimStart('@')</c>: against netstandard2.0 that is
    /// <c>TrimStart(params char[])</c>, an array for every name reserved or allocated.
    /// </summary>
    internal static string Unescaped(string name)
    {
        int start = 0;
        while (start < name.Length && name[start] == '@')
        {
            start++;
        }

        return start == 0 ? name : name.Substring(start);
    }

    public NameAllocator(IEnumerable<string> reserved)
    {
        foreach (string name in reserved)
        {
            Reserve(name);
            initial.Add(Unescaped(name));
        }
    }

    /// <summary>An allocator in the same state that allocates independently from here on.</summary>
    public NameAllocator Clone()
    {
        var copy = new NameAllocator(System.Linq.Enumerable.Empty<string>());
        copy.used.UnionWith(used);
        copy.initial.UnionWith(initial);
        foreach (KeyValuePair<string, int> entry in nextSuffix)
        {
            copy.nextSuffix[entry.Key] = entry.Value;
        }

        foreach (KeyValuePair<string, (string Stem, int Suffix)> entry in suffixOf)
        {
            copy.suffixOf[entry.Key] = entry.Value;
        }

        return copy;
    }

    /// <summary>Whether <paramref name="name"/> was one of the names the allocator started with, not one it handed out.</summary>
    public bool IsSourceName(string name) => initial.Contains(Unescaped(name));

    public IEnumerable<string> Used => used;

    /// <summary>
    /// The source name an SSA name came from (<c>z2</c> → <c>z</c>, <c>loss3</c> → <c>loss</c>): the name without its
    /// numeric suffix when that is a source name and the name itself is not; else the name (without a leading @).
    /// </summary>
    public string SourceNameOf(string name)
    {
        string stem = Unescaped(name);
        string stripped = stem.TrimEnd(Digits);
        return stripped.Length > 0 && stripped != stem && IsSourceName(stripped) && !IsSourceName(stem) ? stripped : stem;
    }

    public void Reserve(string name) => used.Add(Unescaped(name));

    /// <summary>Gives back a name that was allocated but turned out not to be needed.</summary>
    public void Release(string name)
    {
        name = Unescaped(name);
        used.Remove(name);
        if (suffixOf.TryGetValue(name, out (string Stem, int Suffix) allocated) && nextSuffix.TryGetValue(allocated.Stem, out int next) && allocated.Suffix < next)
        {
            nextSuffix[allocated.Stem] = allocated.Suffix;
        }
    }

    public string Allocate(string stem)
    {
        // A verbatim stem (@class, a parameter's name) is the name 'class': compare without the @.
        stem = Unescaped(stem);
        if (!IsKeyword(stem) && used.Add(stem))
        {
            return stem;
        }

        int suffix = nextSuffix.TryGetValue(stem, out int next) ? next : 2;
        for (; ; suffix++)
        {
            string candidate = stem + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (used.Add(candidate))
            {
                nextSuffix[stem] = suffix + 1;
                suffixOf[candidate] = (stem, suffix);
                return candidate;
            }
        }
    }

    internal static bool IsKeyword(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
        || Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;
}
