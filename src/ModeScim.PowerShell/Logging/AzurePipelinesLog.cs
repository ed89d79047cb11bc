using System;
using System.Management.Automation;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>Azure DevOps logging commands. Active only when the process runs in a pipeline ($env:TF_BUILD),
    /// so interactive shells never see them.</summary>
    internal sealed class AzurePipelinesLog
    {
        private AzurePipelinesLog(bool isActive)
        {
            IsActive = isActive;
        }

        public bool IsActive { get; }

        public static AzurePipelinesLog FromEnvironment()
        {
            return new AzurePipelinesLog(!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TF_BUILD")));
        }

        public string Warning(ErrorRecord record)
        {
            var id = record.FullyQualifiedErrorId.Split(',')[0];
            return "##vso[task.logissue type=warning;code=" + EscapeProperty(id) + "]" + EscapeData(id + ": " + record.Exception.Message);
        }

        public string CompleteWithIssues() => "##vso[task.complete result=SucceededWithIssues;]";

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
