using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Normalization;

/// <summary>
/// Replaces every <c>return e</c> by an assignment to one result variable so the body has a single
/// exit. An <c>if</c> that returns on some path takes the statements after it into each of its
/// branches (unreachable statements after a return are dropped), so every path ends by assigning
/// the result exactly once.
/// </summary>
internal static class ReturnNormalizer
{
    public static EquatableArray<Stmt> Normalize(IReadOnlyList<Stmt> body, string resultName) =>
        NormalizeSequence(body.ToList(), resultName).ToEquatableArray();

    private static List<Stmt> NormalizeSequence(List<Stmt> statements, string resultName)
    {
        var output = new List<Stmt>();
        for (int i = 0; i < statements.Count; i++)
        {
            switch (statements[i])
            {
                case ReturnStatement ret:
                    output.Add(new AssignStatement(resultName, ret.Value, ret.Note));
                    return output;
                case IfStatement branch when ContainsReturn(branch.Then) || ContainsReturn(branch.Else):
                    List<Stmt> rest = statements.Skip(i + 1).ToList();
                    List<Stmt> then = NormalizeSequence(branch.Then.Concat(rest).ToList(), resultName);
                    List<Stmt> otherwise = NormalizeSequence(branch.Else.Concat(rest).ToList(), resultName);
                    output.Add(branch with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() });
                    return output;
                default:
                    output.Add(statements[i]);
                    break;
            }
        }

        return output;
    }

    private static bool ContainsReturn(IEnumerable<Stmt> statements) =>
        statements.Any(s => s is ReturnStatement || (s is IfStatement branch && (ContainsReturn(branch.Then) || ContainsReturn(branch.Else))));
}
