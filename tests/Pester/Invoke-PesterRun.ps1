# Runs the Pester suite in this (fresh) process against the built module and writes NUnit XML
# plus a small JSON summary for build.ps1. Started by build.ps1 -Task Test; not meant to be run by hand.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath
)
$ErrorActionPreference = 'Stop'
if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) {
    $PSStyle.OutputRendering = 'PlainText'
}
Import-Module $PesterPath -Force

# The test files read these to find what they test.
$env:MODESCIM_TEST_MODULE = $ModuleManifest
$env:MODESCIM_TEST_EMULATOR = $EmulatorPath

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $configuration

# A failure in BeforeAll fails a block or file without failing a test: count those too.
$summary = [ordered]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
}
$summary | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath -Encoding UTF8
if ($summary.Failed -gt 0) { exit 1 }
exit 0
