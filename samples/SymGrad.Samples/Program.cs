using System;
using SymGrad.Samples;

return SamplesApp.Run(args, Console.Out, Console.Error);
