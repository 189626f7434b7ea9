using System.Collections.Generic;
using System.Linq;

namespace SymGrad.Generator.IR;

/// <summary>
/// The walk over generated code, the twin of <see cref="StatementWalker"/>: every statement of a block
/// and of the <c>if</c> branches and <c>for</c> bodies nested in it, in order, parents before children.
/// </summary>
internal static class CodeWalker
{
    public static List<CodeStmt> All(IEnumerable<CodeStmt> block)
    {
        // Counted first, so the list is allocated once at its size: every pass walks the whole program this way, many
        // times a method, and a growing list copied and dropped an array at each doubling (about 5% of the generator's
        // allocations on the seed models, 2026-12-06).
        var all = new List<CodeStmt>(block is IReadOnlyList<CodeStmt> list ? CountAll(list) : 0);
        Collect(block, all);
        return all;
    }

    private static int CountAll<TBlock>(TBlock block)
        where TBlock : IReadOnlyList<CodeStmt>
    {
        int count = block.Count;
        for (int i = 0; i < block.Count; i++)
        {
            count += block[i] switch
            {
                CodeIf branch => CountAll(branch.Then) + CountAll(branch.Else),
                CodeFor loop => CountAll(loop.Body),
                _ => 0,
            };
        }

        return count;
    }

    /// <summary>Every name the block declares: locals, loop counters, arrays, rented buffers, <c>out</c> declarations and row tiles' names.</summary>
    public static IEnumerable<string> DeclaredNames(IEnumerable<CodeStmt> block)
    {
        foreach (CodeStmt statement in All(block))
        {
            switch (statement)
            {
                case CodeDeclare d:
                    yield return d.Name;
                    break;
                case CodeFor f:
                    yield return f.Counter;
                    break;
                case CodeArrayDeclare a:
                    yield return a.Name;
                    break;
                case CodeRentBuffer r:
                    yield return r.Name;
                    yield return r.BufferName;
                    break;
                case CodeRowTiles tiles:
                    // A tiled loop (made after differentiation, so only the passes after it see one): its tile bounds,
                    // its kernels' spans and buffers, and everything its loop declares.
                    yield return tiles.TileStart;
                    yield return tiles.TileEnd;
                    foreach (string name in tiles.Products.SelectMany(p => new[] { p.Span, p.Buffer }).Concat(tiles.Updates.SelectMany(u => new[] { u.Span, u.Buffer })))
                    {
                        yield return name;
                    }

                    foreach (string name in DeclaredNames(new CodeStmt[] { tiles.Loop }))
                    {
                        yield return name;
                    }

                    break;
                case CodeInvoke call:
                    foreach (CodeArgument output in call.Arguments)
                    {
                        if (output.Passing == Passing.OutDeclare)
                        {
                            yield return ((Variable)output.Value).Name;
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>The expressions a statement evaluates itself (not those of the statements nested in it).</summary>
    public static IEnumerable<Expr> ExpressionsOf(CodeStmt statement) => statement switch
    {
        CodeDeclare d => new[] { d.Value },
        CodeAssign a => a.Index is null ? new[] { a.Value } : new[] { a.Value, a.Index },
        CodeAddTo a => a.Index is null ? new[] { a.Value } : new[] { a.Value, a.Index },
        CodeFor f => f.Exit is null ? new[] { f.Start, f.End } : new[] { f.Start, f.End, f.Exit },
        CodeIf i => new[] { i.Condition },
        CodeFailWhen f => new[] { f.Condition },
        CodeTapePush p => new[] { p.Value },
        CodeArrayDeclare a => new[] { a.Length },
        CodeArrayAllocate a => new[] { a.Length },
        CodeRentBuffer r => new[] { r.Length },
        CodeTiledDot t => new[] { t.Index },
        CodeDeferredUpdate u => new[] { u.Index, u.Scale },
        _ => System.Array.Empty<Expr>(),
    };

    private static void Collect(IEnumerable<CodeStmt> block, List<CodeStmt> into)
    {
        if (block is IReadOnlyList<CodeStmt> list)
        {
            // Most blocks are lists (EquatableArray, List): indexed, without an enumerator to allocate; every pass walks
            // the whole program this way, many times a method.
            for (int i = 0; i < list.Count; i++)
            {
                Add(list[i], into);
            }

            return;
        }

        foreach (CodeStmt statement in block)
        {
            Add(statement, into);
        }
    }

    private static void Collect(Model.EquatableArray<CodeStmt> block, List<CodeStmt> into)
    {
        for (int i = 0; i < block.Count; i++)
        {
            Add(block[i], into);
        }
    }

    private static void Add(CodeStmt statement, List<CodeStmt> into)
    {
        into.Add(statement);
        switch (statement)
        {
            case CodeIf branch:
                Collect(branch.Then, into);
                Collect(branch.Else, into);
                break;
            case CodeFor loop:
                Collect(loop.Body, into);
                break;
        }
    }
}
