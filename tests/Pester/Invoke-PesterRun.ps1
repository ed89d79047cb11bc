# Runs Pester in this (fresh) process against the built module and writes NUnit XML plus a small JSON summary
# for build.ps1. Started by build.ps1 -Task Test (its -Path, -Tag, -ExcludeTag and -FullNameFilter come here).
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [Parameter(Mandatory)] [string[]] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    # Run only tests carrying one of these tags, and none carrying one of those; "a,b" counts as two, since
    # -File passes a list as one string.
    [string[]] $Tag = @(),
    [string[]] $ExcludeTag = @(),
    # Run only tests whose full name (Describe.Context.It) matches one of these wildcard patterns.
    [string[]] $FullNameFilter = @()
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
$Tag = @($Tag | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$ExcludeTag = @($ExcludeTag | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
if ($Tag.Count -gt 0) { $configuration.Filter.Tag = $Tag }
if ($ExcludeTag.Count -gt 0) { $configuration.Filter.ExcludeTag = $ExcludeTag }
if ($FullNameFilter.Count -gt 0) { $configuration.Filter.FullName = $FullNameFilter }
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
