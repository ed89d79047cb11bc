using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Reflection;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>-Debug on a compiled cmdlet makes its debug preference Inquire and, unless -Verbose is also given,
    /// its verbose and warning preferences too: every request line would ask "Continue with this operation?",
    /// and under -NonInteractive the first one fails the command. A module's lines are there to be read, not to step
    /// through, so under -Debug they are written without the question: through the runtime's own "write without
    /// inquiring" path (what Write-Debug uses; internal, so found by reflection), or, where a runtime lacks it, as
    /// the host's debug, verbose and warning lines.</summary>
    internal static class PromptFreeWriter
    {
        private static readonly ConcurrentDictionary<(Type Runtime, Type Record), MethodInfo?> Methods =
            new ConcurrentDictionary<(Type, Type), MethodInfo?>();

        public static void Verbose(ICommandRuntime runtime, PSHostUserInterface? ui, string text)
        {
            if (!TryWrite(runtime, "WriteVerbose", new VerboseRecord(text)))
            {
                ui?.WriteVerboseLine(text);
            }
        }

        public static void Debug(ICommandRuntime runtime, PSHostUserInterface? ui, string text)
        {
            if (!TryWrite(runtime, "WriteDebug", new DebugRecord(text)))
            {
                ui?.WriteDebugLine(text);
            }
        }

        public static void Warning(ICommandRuntime runtime, PSHostUserInterface? ui, string text)
        {
            if (!TryWrite(runtime, "WriteWarning", new WarningRecord(text)))
            {
                ui?.WriteWarningLine(text);
            }
        }

        private static bool TryWrite(ICommandRuntime runtime, string name, InformationalRecord record)
        {
            var method = Methods.GetOrAdd((runtime.GetType(), record.GetType()), key => key.Runtime.GetMethod(
                name,
                BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic,
                null,
                new[] { key.Record, typeof(bool) },
                null));
            if (method == null)
            {
                return false;
            }
            try
            {
                method.Invoke(runtime, new object[] { record, true });
                return true;
            }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                // A stop request or a pipeline failure is the runtime's to report, as a normal write would.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }
    }
}
