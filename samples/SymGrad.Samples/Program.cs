using System.CommandLine;
using SymGrad.Samples.Commands;

var root = new RootCommand("SymGrad samples: the lecture notes' models with generated gradients.")
{
    TourCommand.Create(),
    PerceptronCommand.Create(),
    GradientCheckCommand.Create(),
};

return root.Parse(args).Invoke();
