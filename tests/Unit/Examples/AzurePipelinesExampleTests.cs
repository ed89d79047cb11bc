using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ModeScim.Tests.Unit.Examples
{
    /// <summary>The example pipelines, read as YAML (their structure, as Azure DevOps reads it), not as text. What this
    /// cannot check is how Azure DevOps runs them: the scripts' behaviour is Pester's (AzureDevOps.Tests.ps1), and an
    /// environment's approval is configured in Azure DevOps, not in the file.</summary>
    public sealed class AzurePipelinesExampleTests
    {
        private const string TokenMacro = "$(ModeScimToken)";

        [Fact]
        public void The_approved_pipeline_has_a_Plan_stage_and_an_Apply_stage_after_it()
        {
            var stages = Sequence(Approved(), "stages");

            Assert.Equal(new[] { "Plan", "Apply" }, stages.Select(s => Text(s, "stage")));
            Assert.Equal("Plan", Text(stages[1], "dependsOn"));
            Assert.Equal("succeeded()", Text(stages[1], "condition"));
        }

        [Fact]
        public void Apply_is_a_deployment_job_on_an_environment_so_that_its_approval_holds_it()
        {
            var job = Sequence(Stage("Apply"), "jobs").Single();

            Assert.Equal("Apply", Text(job, "deployment"));
            Assert.Equal("mode-offboarding", Text(job, "environment"));
            Assert.NotEmpty(ApplySteps());
        }

        [Fact]
        public void Plan_writes_the_plan_shows_its_summary_and_publishes_both()
        {
            var steps = PlanSteps();
            var plan = steps.Single(s => Script(s).Contains("Sync-ModeUser", StringComparison.Ordinal));
            var summary = steps.Single(s => Script(s).Contains("##vso[task.uploadsummary]", StringComparison.Ordinal));
            var publish = steps.Single(s => Text(s, "task") == "PublishPipelineArtifact@1");

            Assert.Contains("-DisableMissing", Script(plan), StringComparison.Ordinal);
            Assert.Contains("-PlanPath $plan", Script(plan), StringComparison.Ordinal);
            Assert.Contains("$plan = '$(Build.ArtifactStagingDirectory)/plan/plan.json'", Script(plan), StringComparison.Ordinal);
            // The summary is the plan's path with .md, as Sync-ModeUser -PlanPath writes it.
            Assert.Contains("$summary = '$(Build.ArtifactStagingDirectory)/plan/plan.md'", Script(summary), StringComparison.Ordinal);
            Assert.Equal("$(Build.ArtifactStagingDirectory)/plan", Text(Mapping(publish, "inputs"), "targetPath"));
            Assert.Equal("modescim-plan", Text(Mapping(publish, "inputs"), "artifact"));
        }

        [Fact]
        public void Apply_downloads_that_plan_and_applies_it_with_the_journal_never_forced()
        {
            var steps = ApplySteps();
            var download = steps.Single(s => s.Children.ContainsKey(new YamlScalarNode("download")));
            var apply = steps.Single(s => Script(s).Contains("Invoke-ModePlan", StringComparison.Ordinal));
            var line = Script(apply).Split('\n').Single(l => l.Contains("Invoke-ModePlan", StringComparison.Ordinal));

            Assert.Equal(("current", "modescim-plan"), (Text(download, "download"), Text(download, "artifact")));
            Assert.Contains("$plan = '$(Pipeline.Workspace)/modescim-plan/plan.json'", Script(apply), StringComparison.Ordinal);
            Assert.Contains("-Path $plan", line, StringComparison.Ordinal);
            Assert.Contains("-JournalPath '$(JournalFolder)'", line, StringComparison.Ordinal);
            Assert.DoesNotContain("-Force", line, StringComparison.Ordinal);
            Assert.True(steps.IndexOf(download) < steps.IndexOf(apply));
        }

        [Theory]
        [InlineData("offboarding.yml")]
        [InlineData("offboarding-approved.yml")]
        public void Every_step_that_connects_maps_the_secrets_through_env_and_never_names_one_in_its_script(string file)
        {
            var connecting = AllSteps(file).Where(Connects).ToList();

            Assert.NotEmpty(connecting);
            foreach (var step in connecting)
            {
                var env = Mapping(step, "env");
                Assert.Equal(TokenMacro, Text(env, "MODE_SCIM_TOKEN"));
                Assert.Equal("$(ModeScimBaseUri)", Text(env, "MODE_SCIM_BASE_URI"));
                Assert.Equal("$(ModeApiToken)", Text(env, "MODE_API_TOKEN"));
                Assert.Equal("$(ModeApiSecret)", Text(env, "MODE_API_SECRET"));
                Assert.DoesNotContain("$(ModeScimToken)", Script(step), StringComparison.Ordinal);
                Assert.DoesNotContain("$(ModeApi", Script(step), StringComparison.Ordinal);
            }
        }

        [Theory]
        [InlineData("offboarding.yml")]
        [InlineData("offboarding-approved.yml")]
        public void The_journal_is_published_only_when_a_step_after_its_restore_said_it_was_restored(string file)
        {
            var steps = JournalSteps(file);
            var restore = steps.Single(s => Text(Mapping(s, "inputs"), "command") == "download");
            var mark = steps.Single(s =>
                Script(s).Contains("##vso[task.setvariable variable=journalRestored]true", StringComparison.Ordinal));
            var saves = steps.Where(s => Text(Mapping(s, "inputs"), "command") == "publish").ToList();

            Assert.True(steps.IndexOf(restore) + 1 == steps.IndexOf(mark), "the mark follows the restore directly");
            // The mark runs only when everything before it succeeded: the restore among them.
            Assert.Null(Text(mark, "condition"));
            Assert.Single(saves);
            Assert.Equal("and(always(), eq(variables['journalRestored'], 'true'))", Text(saves[0], "condition"));
        }

        [Theory]
        [InlineData("offboarding.yml")]
        [InlineData("offboarding-approved.yml")]
        public void No_step_swallows_a_failure_and_each_inline_run_annotates_a_refusal_with_its_id(string file)
        {
            var steps = AllSteps(file).ToList();

            Assert.DoesNotContain(steps, s => Text(s, "continueOnError") == "true");
            var connecting = steps.Where(Connects).ToList();
            Assert.NotEmpty(connecting);
            foreach (var step in connecting)
            {
                // A step that runs a script file: that file's text.
                var scriptFile = Text(Mapping(step, "inputs"), "filePath");
                var script = scriptFile == null ? Script(step) : File.ReadAllText(Path.Combine(RepositoryRoot(), scriptFile));
                Assert.Equal("stop", Text(Mapping(step, "inputs"), "errorActionPreference"));
                Assert.Contains("##vso[task.logissue type=error;code=", script, StringComparison.Ordinal);
                // The module annotates its own terminating errors and marks them: the script adds one only for the others.
                Assert.Contains("-not $_.Exception.Data['ModeScim.Annotated']", script, StringComparison.Ordinal);
                Assert.Contains("    throw", script, StringComparison.Ordinal);
            }
        }

        [Theory]
        [InlineData("offboarding.yml")]
        [InlineData("offboarding-approved.yml")]
        public void The_module_is_installed_from_the_feed_with_the_job_token_at_the_pinned_version(string file)
        {
            var installs = AllSteps(file).Where(s => Script(s).Contains("Install-PSResource", StringComparison.Ordinal)).ToList();

            Assert.NotEmpty(installs);
            foreach (var install in installs)
            {
                Assert.Contains("Register-PSResourceRepository -Name ModeScimFeed -Uri '$(ModeScimFeedUri)'", Script(install),
                    StringComparison.Ordinal);
                Assert.Contains("-Version '$(ModeScimVersion)' -Repository ModeScimFeed -Credential $credential", Script(install),
                    StringComparison.Ordinal);
                Assert.Equal("$(System.AccessToken)", Text(Mapping(install, "env"), "FEED_TOKEN"));
            }
        }

        // A step that connects to Mode: an inline script that says so, or a script file (the nightly example).
        private static bool Connects(YamlMappingNode step) => Script(step).Contains("Connect-ModeScim", StringComparison.Ordinal)
            || Text(Mapping(step, "inputs"), "filePath") != null;

        private static YamlMappingNode Approved() => Load("offboarding-approved.yml");

        private static YamlMappingNode Stage(string name) =>
            Sequence(Approved(), "stages").Single(s => Text(s, "stage") == name);

        private static List<YamlMappingNode> PlanSteps() => Sequence(Sequence(Stage("Plan"), "jobs").Single(), "steps");

        private static List<YamlMappingNode> ApplySteps()
        {
            var job = Sequence(Stage("Apply"), "jobs").Single();
            return Sequence(Mapping(Mapping(Mapping(job, "strategy"), "runOnce"), "deploy"), "steps");
        }

        private static IEnumerable<YamlMappingNode> AllSteps(string file) =>
            file == "offboarding.yml" ? Sequence(Load(file), "steps") : PlanSteps().Concat(ApplySteps());

        // The steps of the job that keeps the journal.
        private static List<YamlMappingNode> JournalSteps(string file) =>
            file == "offboarding.yml" ? Sequence(Load(file), "steps") : ApplySteps();

        private static YamlMappingNode Load(string file)
        {
            using var reader = new StreamReader(Path.Combine(RepositoryRoot(), "examples", "azure-pipelines", file));
            var stream = new YamlStream();
            stream.Load(reader);
            return (YamlMappingNode)stream.Documents.Single().RootNode;
        }

        private static List<YamlMappingNode> Sequence(YamlMappingNode node, string key) =>
            ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Cast<YamlMappingNode>().ToList();

        private static YamlMappingNode Mapping(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode mapping ? mapping
                : new YamlMappingNode();

        private static string? Text(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlScalarNode scalar ? scalar.Value : null;

        // A step's script: a PowerShell@2 step's inline script, or a pwsh step's.
        private static string Script(YamlMappingNode step) => Text(Mapping(step, "inputs"), "script") ?? Text(step, "pwsh") ?? string.Empty;

        private static string RepositoryRoot()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "ModeScim.psd1")))
            {
                directory = directory.Parent;
            }
            return directory?.FullName ?? throw new InvalidOperationException("No ModeScim.psd1 above " + AppContext.BaseDirectory);
        }
    }
}
