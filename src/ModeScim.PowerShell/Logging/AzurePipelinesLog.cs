using System;
using System.Linq;
using System.Management.Automation;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>Azure DevOps logging commands. Active only when the process runs in a pipeline ($env:TF_BUILD),
    /// so interactive shells never see them.</summary>
    internal sealed class AzurePipelinesLog
    {
        /// <summary>Set to 0 (or false, off, no) to keep the module from writing annotations of its own.</summary>
        public const string AnnotationsVariable = "MODESCIM_ADO_ANNOTATIONS";

        /// <summary>Set to true in the Data of an exception whose error the module annotated.</summary>
        public const string AnnotatedKey = "ModeScim.Annotated";

        private static readonly string[] OffValues = { "0", "false", "off", "no" };

        private AzurePipelinesLog(bool isActive, bool annotates)
        {
            IsActive = isActive;
            Annotates = isActive && annotates;
        }

        /// <summary>In a pipeline: text is neutralised so that nothing printed can act as a logging command.</summary>
        public bool IsActive { get; }

        /// <summary>In a pipeline, and annotations are not turned off.</summary>
        public bool Annotates { get; }

        public static AzurePipelinesLog FromEnvironment()
        {
            var annotations = (Environment.GetEnvironmentVariable(AnnotationsVariable) ?? string.Empty).Trim();
            var off = OffValues.Any(v => string.Equals(v, annotations, StringComparison.OrdinalIgnoreCase));
            return new AzurePipelinesLog(InPipeline, !off);
        }

        /// <summary>Whether the process runs in an Azure DevOps pipeline, which sets TF_BUILD in every step.</summary>
        internal static bool InPipeline => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TF_BUILD"));

        public string Warning(ErrorRecord record) => Issue("warning", record);

        /// <summary>The annotation of an error that ends a command; null for an error that is not the module's own.</summary>
        public string? Error(ErrorRecord record) => IsModeScimId(IdOf(record)) ? Issue("error", record) : null;

        private string Issue(string type, ErrorRecord record)
        {
            var id = IdOf(record);
            return "##vso[task.logissue type=" + type + ";code=" + EscapeProperty(id) + "]"
                + EscapeData(Neutralise(id + ": " + (record.ErrorDetails?.Message ?? record.Exception.Message)));
        }

        private static string IdOf(ErrorRecord record) => record.FullyQualifiedErrorId.Split(',')[0];

        private static bool IsModeScimId(string id) => id.StartsWith("ModeScim.", StringComparison.Ordinal);

        /// <summary>The text as the module prints it: broken up in a pipeline (see <see cref="BreakUp"/>), else unchanged.</summary>
        public string Neutralise(string text) => IsActive ? BreakUp(text) : text;

        /// <summary>In a pipeline, the agent takes any printed line holding "##vso[" (or "##[") as a logging
        /// command, so text from an HR file or a server's error detail could set variables or fail the run.
        /// Such text is broken up ("##vso%5B") before the module prints it, in its messages and in its format views
        /// (<see cref="ViewText"/>).</summary>
        internal static string BreakUp(string text)
        {
            if (text.IndexOf("##", StringComparison.Ordinal) < 0)
            {
                return text;
            }
            return text.Replace("##vso[", "##vso%5B").Replace("##[", "##%5B");
        }

        /// <summary>The record as the host will print it, neutralised (its message and its target's name).</summary>
        public ErrorRecord Neutralise(ErrorRecord record)
        {
            if (!IsActive)
            {
                return record;
            }
            var message = record.ErrorDetails?.Message ?? record.Exception.Message;
            var safe = Neutralise(message);
            if (!ReferenceEquals(safe, message))
            {
                record.ErrorDetails = new ErrorDetails(safe);
            }
            var target = record.CategoryInfo.TargetName;
            if (!string.IsNullOrEmpty(target))
            {
                record.CategoryInfo.TargetName = Neutralise(target);
            }
            return record;
        }

        public static string CompleteWithIssues() => "##vso[task.complete result=SucceededWithIssues;]";

        // Logging-command escaping: a line break would end the command early; in a property, ; and ] would too.
        private static string EscapeData(string text)
        {
            return text.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A");
        }

        private static string EscapeProperty(string text)
        {
            return EscapeData(text).Replace("]", "%5D").Replace(";", "%3B");
        }
    }
}
