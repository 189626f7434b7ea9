using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Whether a vector-valued method's reverse-mode <c>FJacobian</c> may run the pullback's forward sweep
/// once and then its reverse sweep once per row (seeded with the row's unit vector), instead of one
/// whole pullback per row, and what each row must put back first. Every row's reverse sweep has to
/// start from the state the forward sweep left:
/// <list type="bullet">
/// <item>no tape (pops consume it) and no fused loop (its derivative runs in the forward sweep, seeded);</item>
/// <item>the reverse sweep allocates nothing;</item>
/// <item>the forward sweep writes neither a gradient output nor the output's adjoint;</item>
/// <item>whatever else the reverse sweep writes that it did not declare (restored elements of the
/// output and of local arrays, adjoints of local arrays, restored scalars) is saved after the forward
/// sweep and put back before each row (<see cref="Restored"/>); the output's adjoint is cleared.</item>
/// </list>
/// Otherwise the Jacobian calls the pullback per row, which is always right.
/// </summary>
internal sealed class RowReplay
{
    private RowReplay(List<string> arrays, List<CodeDeclare> scalars)
    {
        Arrays = arrays;
        Scalars = scalars;
    }

    /// <summary>Arrays declared by the forward sweep (or the output vector) that the reverse sweep writes: saved and put back per row.</summary>
    public List<string> Arrays { get; }

    /// <summary>Scalars declared by the forward sweep that the reverse sweep writes: saved and put back per row.</summary>
    public List<CodeDeclare> Scalars { get; }

    public IEnumerable<string> Restored => Arrays.Concat(Scalars.Select(s => s.Name));

    public static RowReplay? For(GradientModel pullback)
    {
        VectorOutput vector = pullback.Method.Vector!;
        if (pullback.UsesTape || pullback.TangentTapeName is not null)
        {
            return null;
        }

        List<CodeStmt> forward = CodeWalker.All(pullback.Forward);
        List<CodeStmt> reverse = CodeWalker.All(pullback.Reverse);
        if (forward.Any(s => s is CodeComment c && c.Text.StartsWith(ForwardSweepEmitter.FusedIterationHeading, System.StringComparison.Ordinal))
            || reverse.Any(s => s is CodeRentBuffer or CodeArrayDeclare or CodeArrayAllocate or CodeReturnBuffer or CodeTapePush))
        {
            return null;
        }

        var seeded = new HashSet<string>(pullback.Method.Parameters.Where(p => p.IsDifferentiated).Select(p => p.GradientName));
        if (pullback.OutputAdjoint is { } adjoint)
        {
            seeded.Add(adjoint);
        }

        var parameters = new HashSet<string>(pullback.Method.Parameters.Select(p => p.Name));
        if (Writes(forward, parameters).Any(seeded.Contains))
        {
            return null;
        }

        var declaredInReverse = new HashSet<string>(CodeWalker.DeclaredNames(pullback.Reverse));
        var arrays = new List<string>();
        var scalars = new List<CodeDeclare>();
        foreach (string name in Writes(reverse, parameters).Distinct())
        {
            if (declaredInReverse.Contains(name) || seeded.Contains(name))
            {
                continue;
            }

            if (name == vector.Output || forward.Any(s => s is CodeArrayDeclare { Deferred: false } a && a.Name == name || s is CodeRentBuffer { Declaration: BufferStep.DeclareAndRent } r && r.Name == name))
            {
                arrays.Add(name);
            }
            else if (forward.OfType<CodeDeclare>().FirstOrDefault(d => d.Name == name) is { } scalar)
            {
                scalars.Add(scalar);
            }
            else
            {
                return null; // a deferred array, a parameter or an out-declared value: not worth the cases
            }
        }

        return new RowReplay(arrays, scalars);
    }

    private static IEnumerable<string> Writes(IEnumerable<CodeStmt> statements, HashSet<string> parameters)
    {
        foreach (CodeStmt statement in statements)
        {
            switch (statement)
            {
                case CodeAssign a:
                    yield return a.Name;
                    break;
                case CodeAddTo a:
                    yield return a.Name;
                    break;
                case CodeClear c:
                    yield return c.Name;
                    break;
                case CodeInvoke call:
                    foreach (CodeArgument argument in call.Arguments.Where(a => a.Passing is Passing.Ref or Passing.OutDeclare))
                    {
                        yield return ((Variable)argument.Value).Name;
                    }

                    // A callee's pullback may add into any local span it is handed; it only reads the method's parameters.
                    foreach (CodeArgument argument in call.Arguments.Where(a => a.Passing == Passing.Value && a.Value is Variable { VariableKind: ValueKind.DoubleArray } v && !parameters.Contains(v.Name)))
                    {
                        yield return ((Variable)argument.Value).Name;
                    }

                    break;
            }
        }
    }
}
