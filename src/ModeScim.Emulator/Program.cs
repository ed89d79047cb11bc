using System;
using System.Threading.Tasks;
using ModeScim.Emulator;

EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (EmulatorUsageException ex)
{
    if (ex.Message.Length > 0)
    {
        Console.Error.WriteLine(ex.Message);
    }
    Console.Error.WriteLine(EmulatorOptions.Usage);
    return ex.Message.Length > 0 ? 2 : 0;
}

await using var host = await EmulatorHost.StartAsync(options);
Console.Out.WriteLine("LISTENING " + host.BaseUri.AbsoluteUri);
Console.Out.Flush();
if (options.WatchStdin)
{
    _ = Task.Run(async () =>
    {
        while (await Console.In.ReadLineAsync() != null)
        {
        }
        await host.StopAsync();
    });
}
await host.WaitForShutdownAsync();
return 0;
