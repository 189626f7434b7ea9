using System;
using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Blocks of a generated gradient moved into static local functions of their own (the row lanes' groups,
/// <see cref="RowLaneEmitter"/>): in place of the block a call, and after the method's <c>return</c> the function, whose
/// parameters are the block's free variables.
/// </summary>
/// <remarks>
/// <para>
/// Why: without AVX-512 every <c>Vector512</c> operation is a small managed method the JIT has to inline, and the JIT
/// stops inlining in a method once the method and its inlinees hold about 512 locals. A generated gradient has hundreds
/// of its own, so the row lanes' vector operations became calls that pass their vectors through the stack. On an AVX2
/// machine a loop of twenty vector steps inlined completely (2.2 ns a step) and one of forty called its operations
/// (16x the time a step); the twenty-step loop called them too in a method that also declared 400 unrelated locals. In
/// a function of its own, the block's locals are its own count. With AVX-512 the operations are instructions and the
/// call costs once per tile.
/// </para>
/// <para>
/// How: the block is printed to text first and read back (<see cref="FreeVariables"/>): each name it uses that the
/// method's text so far declares in a scope still open where the block stands (a parameter, or a local of a block whose
/// closing brace is not printed yet) becomes a parameter of the declared type, by <c>ref</c> when the block assigns it
/// or calls a member of it (the tape is a mutable struct). Other names (types, the class's members) mean the same inside
/// the function. The block stays where it is, as printed, whenever the function could mean something else: a free local
/// declared with <c>var</c> or without an initializer, an <c>out</c> parameter, a span the block assigns, a name the
/// reading cannot place, a <c>return</c>, <c>goto</c> or <c>yield</c>, a <c>break</c> or <c>continue</c> that may leave
/// the block, <c>this</c> or <c>base</c>.
/// </para>
/// </remarks>
internal sealed class LocalFunctions
{
    private readonly int methodStart;
    private readonly HashSet<string> reserved;
    private readonly List<Function> functions;
    private Dictionary<string, Declared>? signatureParameters;

    /// <param name="methodStart">Where the method's text starts in the writer (its doc comment or attributes).</param>
    /// <param name="taken">Names the functions may not have: the source method's locals and parameters.</param>
    public LocalFunctions(int methodStart, IEnumerable<string> taken)
    {
        this.methodStart = methodStart;
        reserved = new HashSet<string>(taken);
        functions = new List<Function>();
    }

    /// <summary>Whether <paramref name="name"/> is one of the source method's locals or parameters (or a gradient output's name): a name generated code may not declare again.</summary>
    public bool Reserves(string name) => reserved.Contains(name);

    /// <summary>
    /// The functions of a block that is itself becoming a function: its writer starts with the method's text, so the
    /// blocks inside it find their free variables in the method or in the block, and their functions join the method's.
    /// </summary>
    private LocalFunctions(LocalFunctions method, Dictionary<string, Declared> signature)
    {
        methodStart = 0;
        reserved = method.reserved;
        functions = method.functions;
        signatureParameters = signature;
    }

    /// <summary>
    /// Prints the block <paramref name="print"/> writes as a call to a new function named <paramref name="stem"/> and a
    /// number, described by <paramref name="purpose"/>, when it can stand alone; else prints it in place.
    /// </summary>
    /// <param name="why">Why the block is a function, said at the call; by default the JIT's count of locals.</param>
    public void Write(IndentedWriter writer, string stem, string purpose, Action<IndentedWriter> print, string? why = null)
    {
        string method = writer.TextFrom(methodStart);
        signatureParameters ??= MethodText.Parameters(method);

        // The block is printed after the method's text (which it does not repeat): a block inside it that becomes a
        // function of its own reads its free variables from both (MethodText.Visible sees the block's open scopes).
        var block = new IndentedWriter();
        block.Raw(method);
        int blockStart = block.Length;
        block.Functions = new LocalFunctions(this, signatureParameters);
        print(block);
        string text = block.TextFrom(blockStart);
        List<FunctionParameter>? parameters = FreeVariables.Of(method, text, signatureParameters);
        if (parameters is null)
        {
            writer.Lines(text);
            return;
        }

        string name = FreeName(stem, method, text);
        writer.Line("// " + purpose + ": in the function " + name + " below the return, " + (why ?? "so that its vector operations count their own locals (the JIT inlines a method's operations only up to a number of locals)") + ".");
        writer.Line(name + "(" + string.Join(", ", parameters.Select(p => p.Argument)) + ");");
        functions.Add(new Function(name, purpose, parameters, text));
    }

    /// <summary>The functions, after the method's <c>return</c>.</summary>
    public void WriteDeclarations(IndentedWriter writer)
    {
        foreach (Function function in functions)
        {
            writer.BlankLine();
            writer.Line("// " + function.Purpose + " (called above).");
            writer.Line(GradientEmitter.LoopOptimizationAttribute);
            writer.Line("static void " + function.Name + "(" + string.Join(", ", function.Parameters.Select(p => p.Declaration)) + ")");
            writer.Open();
            writer.Lines(function.Body);
            writer.Close();
        }
    }

    private string FreeName(string stem, string method, string block)
    {
        // Later passes number a name the source reuses (RowGroups, RowGroups2): no stem any taken name starts with.
        while (reserved.Any(t => t.StartsWith(stem, StringComparison.Ordinal) && t.Length > stem.Length && char.IsDigit(t[stem.Length])) || reserved.Contains(stem))
        {
            stem += "_";
        }

        for (int number = 1; ; number++)
        {
            string name = stem + number;
            // The functions named before are called in the method's text, or in a function's body (a block inside a block
            // that became a function): their names are taken either way.
            if (!reserved.Contains(name) && !functions.Any(f => f.Name == name) && !MethodText.ContainsWord(method, name) && !MethodText.ContainsWord(block, name))
            {
                return name;
            }
        }
    }

    private sealed record Function(string Name, string Purpose, List<FunctionParameter> Parameters, string Body);
}

/// <summary>A free variable passed to a local function: <see cref="Declaration"/> in its signature, <see cref="Argument"/> at the call.</summary>
internal sealed record FunctionParameter(string Declaration, string Argument);
