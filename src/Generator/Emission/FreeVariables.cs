using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Generator.Emission;

/// <summary>
/// The parameters a printed block needs to stand alone as a static local function (<see cref="LocalFunctions"/>); null
/// when it may not stand alone unchanged.
/// </summary>
/// <remarks>
/// The block's names (<see cref="PrintedCode.Names"/>) that the method declares where the block stands
/// (<see cref="MethodText.Visible"/>) become parameters, by <c>ref</c> when the block assigns them or calls a member of
/// one that is not a span or an array (the tape is a mutable struct). C# lets no block declare a name its enclosing
/// scopes declare, so a name the block declares and the method's open scopes declare too means a misreading: the block
/// stays. So it does for a name the method mentions but does not declare in an open scope (a foreach, pattern or out
/// variable), a <c>return</c>, <c>goto</c>, <c>yield</c> or <c>this</c> in the block, a deconstructing assignment, and a
/// <c>break</c> or <c>continue</c> unless the block is one loop.
/// </remarks>
internal static class FreeVariables
{
    /// <param name="method">The method's text up to the block: doc comment, attributes, signature and statements, its open blocks unclosed.</param>
    /// <param name="block">The block's statements.</param>
    /// <param name="parameters">The method's parameters (<see cref="MethodText.Parameters"/>).</param>
    public static List<FunctionParameter>? Of(string method, string block, IReadOnlyDictionary<string, Declared> parameters)
    {
        var keywords = new HashSet<string>();
        List<(string Name, PrintedCode.Use Use)>? names = PrintedCode.Names(block, keywords);
        // yield and await are contextual: they come as names.
        if (names is null || keywords.Overlaps(new[] { "return", "goto", "this", "base" }) || names.Any(n => n.Name is "yield" or "await") || MayLeave(block, keywords))
        {
            return null;
        }

        var declaredInside = new HashSet<string>();
        foreach (string line in block.Split('\n'))
        {
            if (PrintedCode.TryReadDeclaration(line.Trim(), out _, out string name, out _))
            {
                declaredInside.Add(name);
            }
        }

        Dictionary<string, Declared> visible = MethodText.Visible(method, names.Select(n => n.Name), parameters);
        var result = new List<FunctionParameter>();
        foreach ((string name, PrintedCode.Use use) in names)
        {
            bool declaredHere = declaredInside.Contains(name);
            if (visible.TryGetValue(name, out Declared? declared) && !declaredHere)
            {
                FunctionParameter? parameter = Parameter(declared, name, use);
                if (parameter is null)
                {
                    return null;
                }

                result.Add(parameter);
            }
            else if (declaredHere ? visible.ContainsKey(name) : MethodText.ContainsWord(method, name))
            {
                // Declared by the block and where it stands (which C# forbids: a misreading), or a name of the method this
                // reading does not place (a foreach, pattern or out variable): the block stays.
                return null;
            }
        }

        return result;
    }

    /// <summary>A free variable's parameter: by value, or by <c>ref</c> when the block changes it; null when it cannot be passed.</summary>
    private static FunctionParameter? Parameter(Declared declared, string name, PrintedCode.Use use)
    {
        if (!declared.Passable)
        {
            return null;
        }

        bool span = declared.Type.Contains("Span<");
        bool byRef = use.Assigned || declared.ByRef || (use.Receiver && !span && !declared.Type.EndsWith("[]", System.StringComparison.Ordinal));
        if (byRef && span)
        {
            return null;
        }

        return byRef ? new FunctionParameter("ref " + declared.Type + " " + name, "ref " + name) : new FunctionParameter(declared.Type + " " + name, name);
    }

    /// <summary>Whether a <c>break</c> or <c>continue</c> may leave the block: it has one, and the block is not one <c>for</c> loop (whose own they then are, or an inner loop's).</summary>
    private static bool MayLeave(string block, HashSet<string> keywords)
    {
        if (!keywords.Contains("break") && !keywords.Contains("continue"))
        {
            return false;
        }

        bool oneLoop = block.StartsWith("for (", System.StringComparison.Ordinal) && block.TrimEnd('\n').EndsWith("\n}", System.StringComparison.Ordinal)
            && block.Split('\n').Count(line => line.Length > 0 && !char.IsWhiteSpace(line[0])) == 3;
        return !oneLoop;
    }
}

/// <summary>A visible variable: its type's text, whether a function can take it, and whether it is a <c>ref</c> parameter.</summary>
internal sealed record Declared(string Type, bool Passable, bool ByRef);
