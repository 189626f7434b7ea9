using System.Collections.Generic;

namespace SymGrad.Generator.IR;

/// <summary>
/// The shared walk over statement blocks: every statement of a block and of the blocks nested in it
/// (branches, and loop bodies unless told otherwise), in source order, parents before children. The
/// passes ask it instead of each writing its own recursion (which names a block assigns, which
/// arrays it writes, whether it declares an array, how large it is). It recurses once per nesting
/// level, which lowering bounds (SYMGRAD0020), and yields from one flat list.
/// </summary>
internal static class StatementWalker
{
    public static List<Stmt> All(IEnumerable<Stmt> block, bool intoLoops = true)
    {
        // Counted first and walked by index, as CodeWalker.All: the list allocated once at its size, and no enumerator
        // boxed for each nested block.
        if (block is IReadOnlyList<Stmt> list)
        {
            var counted = new List<Stmt>(CountAll(list, intoLoops));
            Collect(list, intoLoops, counted);
            return counted;
        }

        var all = new List<Stmt>();
        foreach (Stmt statement in block)
        {
            Add(statement, intoLoops, all);
        }

        return all;
    }

    /// <summary>The targets of every assignment in the block and its nested blocks.</summary>
    public static IEnumerable<string> AssignedNames(IEnumerable<Stmt> block, bool intoLoops = true)
    {
        foreach (Stmt statement in All(block, intoLoops))
        {
            if (statement is AssignStatement assign)
            {
                yield return assign.Target;
            }
        }
    }

    /// <summary>Every array an element assignment in the block or its nested blocks writes.</summary>
    public static IEnumerable<string> WrittenArrays(IEnumerable<Stmt> block)
    {
        foreach (Stmt statement in All(block))
        {
            if (statement is ElementAssignStatement element)
            {
                yield return element.Array;
            }
        }
    }

    /// <summary>The expressions a statement evaluates itself (not those of the statements nested in it).</summary>
    public static IEnumerable<Expr> ExpressionsOf(Stmt statement) => statement switch
    {
        AssignStatement a => new[] { a.Value },
        IfStatement i => new[] { i.Condition },
        ReturnStatement r => new[] { r.Value },
        ArrayDeclareStatement d => new[] { d.Length },
        ElementAssignStatement e => new[] { e.Index, e.Value },
        ForStatement f => f.Exit is null ? new[] { f.Start, f.End } : new[] { f.Start, f.End, f.Exit },
        FailWhenStatement f => new[] { f.Condition },
        VectorCallStatement v => v.Arguments,
        _ => System.Array.Empty<Expr>(),
    };

    private static int CountAll<TBlock>(TBlock block, bool intoLoops)
        where TBlock : IReadOnlyList<Stmt>
    {
        int count = block.Count;
        for (int i = 0; i < block.Count; i++)
        {
            count += block[i] switch
            {
                IfStatement branch => CountAll(branch.Then, intoLoops) + CountAll(branch.Else, intoLoops),
                ForStatement loop when intoLoops => CountAll(loop.Body, intoLoops),
                _ => 0,
            };
        }

        return count;
    }

    private static void Collect<TBlock>(TBlock block, bool intoLoops, List<Stmt> into)
        where TBlock : IReadOnlyList<Stmt>
    {
        for (int i = 0; i < block.Count; i++)
        {
            Add(block[i], intoLoops, into);
        }
    }

    private static void Add(Stmt statement, bool intoLoops, List<Stmt> into)
    {
        into.Add(statement);
        switch (statement)
        {
            case IfStatement branch:
                Collect(branch.Then, intoLoops, into);
                Collect(branch.Else, intoLoops, into);
                break;
            case ForStatement loop when intoLoops:
                Collect(loop.Body, intoLoops, into);
                break;
        }
    }
}
