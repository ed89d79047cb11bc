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
# The report is written after the run, so that a report that cannot be written (a test's data holding a
# character XML forbids, say) is counted as a failure instead of taking the counts down with it.
$configuration.TestResult.Enabled = $false
$result = Invoke-Pester -Configuration $configuration

# A failure in BeforeAll fails a block or file without failing a test: count those too.
$summary = [ordered]@{
    Passed  = [int] $result.PassedCount
    Failed  = [int] ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)
    Skipped = [int] $result.SkippedCount
}
try {
    $result | Export-NUnitReport -Path $ResultPath
}
catch {
    Write-Host "Could not write the NUnit report '$ResultPath': $($_.Exception.Message)"
    $summary.Failed += 1
}
$summary | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath -Encoding UTF8
if ($summary.Failed -gt 0) { exit 1 }
exit 0
