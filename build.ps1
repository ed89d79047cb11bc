<#
.SYNOPSIS
    The one entry point for building, testing and demonstrating ModeScim.
.DESCRIPTION
    Tasks (run in the order given; several may be named, as -Task Build,Test or "Build,Test"):
      Bootstrap  restore the local tools (PowerShell), Pester from NuGet, and the solution's packages
      Build      compile, then lay out the importable module under out/ModeScim/<version>
      Test       style checks, xunit, then Pester in a child process against the built module; results in
                 out/test-results. -Path runs only the tests named (see -Path); -Tag, -ExcludeTag and
                 -FullNameFilter select Pester tests
      Demo       start the emulator with a sample workspace and run examples/demo.ps1, then
                 examples/offboarding.ps1 with examples/hr-export.csv, against it
      Emulator   run the emulator in the foreground and print how to connect to it (-Port N for a fixed
                 port, -SeedUsers N for the sample workspace's size)
      Package    out/ModeScim.<version>.nupkg, published with Publish-PSResource into out/repository
      Bench      measure ModeScim against naive Invoke-RestMethod loops; out/bench/results.md and .json
                 (-LatencyMs, default 20; -Smoke for tiny sizes; -Scenario list-users,nightly,... for some only)
      Mutation   Stryker.NET over the client and the cmdlets' pure parts with the xunit suite; reports in
                 out/mutation/, scores in out/mutation/score.json (slow: not part of Test); -Since <ref> mutates
                 only the files changed since that git ref
      Clean      remove out/ and every bin/obj folder
    Test, Demo, Emulator, Bench, Mutation and Package build first unless -NoBuild is given; Test also packages
    when Package.Tests.ps1 is among the tests it runs, since that test installs the package.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Test -NoBuild -Path tests/Pester/Disable-ModeUser.Tests.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 Test -NoBuild -Path tests/Pester -ExcludeTag Slow
.EXAMPLE
    dotnet pwsh ./build.ps1 Mutation -Since main
.EXAMPLE
    dotnet pwsh ./build.ps1 Emulator -Port 8080
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Clean,Build
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    [switch] $NoBuild,

    # Users in the sample workspace of Demo and Emulator.
    [int] $SeedUsers = 250,

    # Emulator: the port to listen on (127.0.0.1); 0 picks a free one.
    [ValidateRange(0, 65535)]
    [int] $Port = 0,

    # Bench: the emulator's latency per request, and tiny sizes for a quick check.
    [int] $LatencyMs = 20,
    [switch] $Smoke,

    # Bench: only these scenarios (list-users, sync-group, disable-users, group-members, nightly, membership-sources,
    # list-users-saas, access-report-rest, handover-rest, memory, import).
    [string[]] $Scenario = @(),

    # Test: only these test files or folders. A path in tests/Unit runs xunit filtered to the classes its .cs files
    # declare (tests/Unit itself: all of xunit); any other path runs Pester on it. The style checks run only
    # without -Path, since they check the whole tree, not a test.
    [string[]] $Path = @(),

    # Test: Pester tests (Describe, Context or It) carrying one of these tags, or none of those; and Pester tests
    # whose full name ("Describe.Context.It", wildcards allowed) matches one of these filters.
    [string[]] $Tag = @(),
    [string[]] $ExcludeTag = @(),
    [string[]] $FullNameFilter = @(),

    # Mutation: mutate only the files changed since this git ref (a branch, tag or commit), as Stryker's --since.
    [string] $Since = ''
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) {
    $PSStyle.OutputRendering = 'PlainText'
}

# 'dotnet pwsh -File build.ps1 -Path a,b' passes "a,b" as one string (as for -Task): split lists on commas. Names of
# tests are not split, since a test's name may hold a comma.
$Path = @($Path | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$Tag = @($Tag | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$ExcludeTag = @($ExcludeTag | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })

$RepoRoot = $PSScriptRoot
$OutDir = Join-Path $RepoRoot 'out'
$TestResultsDir = Join-Path $OutDir 'test-results'
# A run of some tests only never replaces the results of a whole run, which CI publishes.
if ($Path.Count + $Tag.Count + $ExcludeTag.Count + $FullNameFilter.Count -gt 0) {
    $TestResultsDir = Join-Path $TestResultsDir 'partial'
}
$PesterVersion = '5.7.1'
$Manifest = Import-PowerShellDataFile -Path (Join-Path $RepoRoot 'ModeScim.psd1')
$ModuleVersion = $Manifest.ModuleVersion
$ModuleDir = Join-Path (Join-Path $OutDir 'ModeScim') $ModuleVersion
$EmulatorDir = Join-Path $OutDir 'emulator'
$EmulatorDll = Join-Path $EmulatorDir 'ModeScim.Emulator.dll'

Import-Module (Join-Path (Join-Path $RepoRoot 'build') 'ModeScimEmulator.psm1') -Force

function Write-Step([string] $Message) {
    Write-Host "==> $Message"
}

function Invoke-Native {
    param([string] $FilePath, [string[]] $Arguments)
    & $FilePath @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-ChildPowerShell {
    # Inside 'dotnet pwsh' the bundled pwsh is first on PATH; on Windows PowerShell use its own exe.
    if ($PSVersionTable.PSEdition -eq 'Core') { return (Join-Path $PSHOME 'pwsh') }
    return (Join-Path $PSHOME 'powershell.exe')
}

function Get-PesterManifestPath {
    $relative = Join-Path (Join-Path (Join-Path 'pester' $PesterVersion) 'tools') 'Pester.psd1'
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        # NuGet's default folder first: asking dotnet where its folder is costs about a second of every test run.
        $default = Join-Path (Join-Path $HOME '.nuget') 'packages'
        if (Test-Path -LiteralPath (Join-Path $default $relative)) { return (Join-Path $default $relative) }
        $line = & dotnet nuget locals global-packages --list
        $packages = ($line -replace '^\s*global-packages:\s*', '').Trim()
    }
    Join-Path $packages $relative
}

function Invoke-Bootstrap {
    Write-Step 'Restoring local tools, Pester and packages'
    Invoke-Native dotnet @('tool', 'restore')
    Invoke-Native dotnet @('restore', (Join-Path (Join-Path $RepoRoot 'build') 'Pester.Restore.csproj'), '--nologo')
    Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'ModeScim.slnx'), '--nologo')
}

function Invoke-BuildTask {
    Write-Step "Building ModeScim $ModuleVersion ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'ModeScim.slnx'), '-c', $Configuration, '--nologo', '-v', 'quiet')

    Write-Step "Laying out the module in $ModuleDir"
    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $ModuleDir -Force
    $binDir = Join-Path $RepoRoot "src/ModeScim.PowerShell/bin/$Configuration/netstandard2.0"
    Get-ChildItem -Path $binDir -Filter '*.dll' | Copy-Item -Destination $ModuleDir
    Get-ChildItem -Path $binDir -Filter 'ModeScim.*.pdb' | Copy-Item -Destination $ModuleDir
    Copy-Item (Join-Path $RepoRoot 'ModeScim.psd1') $ModuleDir
    Copy-Item (Join-Path $RepoRoot 'LICENSE') $ModuleDir
    Copy-Item (Join-Path $RepoRoot 'src/ModeScim.PowerShell/ModeScim.Format.ps1xml') $ModuleDir

    Write-Step 'Compiling help from docs/en-US'
    & (Get-ChildPowerShell) -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'build/ConvertTo-MamlHelp.ps1') `
        -ModuleManifest (Join-Path $ModuleDir 'ModeScim.psd1') -DocsPath (Join-Path $RepoRoot 'docs/en-US') -OutPath (Join-Path $ModuleDir 'en-US')
    if ($LASTEXITCODE -ne 0) { throw "Compiling the help failed with exit code $LASTEXITCODE." }

    Write-Step "Laying out the emulator in $EmulatorDir"
    if (Test-Path $EmulatorDir) { Remove-Item $EmulatorDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $EmulatorDir -Force
    Copy-Item -Path (Join-Path $RepoRoot "src/ModeScim.Emulator/bin/$Configuration/net10.0/*") -Destination $EmulatorDir -Recurse
}

function Read-TrxCounts([string] $TrxPath) {
    [xml] $trx = Get-Content -LiteralPath $TrxPath -Raw
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $counters.passed
        Failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        Skipped = [int] $counters.notExecuted
    }
}

function Invoke-UnitTests([string] $Filter) {
    Write-Step $(if ($Filter) { "Running xunit tests matching $Filter" } else { 'Running xunit tests' })
    $trxName = 'unit.trx'
    $trxPath = Join-Path $TestResultsDir $trxName
    if (Test-Path $trxPath) { Remove-Item $trxPath -Force }
    $arguments = @('test', (Join-Path $RepoRoot 'tests/Unit/ModeScim.Tests.Unit.csproj'), '-c', $Configuration, '--no-build', '--nologo',
        '--logger', "trx;LogFileName=$trxName", '--logger', 'console;verbosity=normal', '--results-directory', $TestResultsDir)
    if ($Filter) { $arguments += @('--filter', $Filter) }
    & dotnet @arguments | Out-Host
    if (-not (Test-Path $trxPath)) {
        Write-Host "xunit produced no results file (exit code $LASTEXITCODE)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Read-TrxCounts $trxPath
}

# A single-quoted PowerShell string holding exactly this text. PowerShell takes the typographic single quotes
# as quotes too, so each of those is doubled like the plain one.
function ConvertTo-PSString([string] $Text) {
    "'" + ($Text -replace '([''\u2018\u2019\u201A\u201B])', '$1$1') + "'"
}

function ConvertTo-PSArray([string[]] $Values) {
    '@(' + (@($Values | ForEach-Object { ConvertTo-PSString $_ }) -join ', ') + ')'
}

function Invoke-PesterTests([string[]] $TestPath) {
    $filters = @(@($Tag | ForEach-Object { "tag $_" }) + @($ExcludeTag | ForEach-Object { "not tag $_" }) +
        @($FullNameFilter | ForEach-Object { "name $_" }))
    Write-Step ("Running Pester tests against the built module: $($TestPath -join ', ')" +
        $(if ($filters.Count -gt 0) { " ($($filters -join '; '))" } else { '' }))
    $pester = Get-PesterManifestPath
    if (-not (Test-Path $pester)) {
        throw "Pester $PesterVersion is not restored at '$pester'. Run: dotnet pwsh ./build.ps1 Bootstrap"
    }
    $summaryPath = Join-Path $TestResultsDir 'pester-summary.json'
    if (Test-Path $summaryPath) { Remove-Item $summaryPath -Force }
    $runner = Join-Path $RepoRoot 'tests/Pester/Invoke-PesterRun.ps1'
    # -File would pass a list as one string; an encoded command passes lists, and any character in a test
    # name, through Windows PowerShell 5.1's quoting of native arguments unchanged.
    $command = "& $(ConvertTo-PSString $runner) -PesterPath $(ConvertTo-PSString $pester)" +
        " -ModuleManifest $(ConvertTo-PSString (Join-Path $ModuleDir 'ModeScim.psd1')) -EmulatorPath $(ConvertTo-PSString $EmulatorDll)" +
        " -TestPath $(ConvertTo-PSArray $TestPath) -Tag $(ConvertTo-PSArray $Tag) -ExcludeTag $(ConvertTo-PSArray $ExcludeTag)" +
        " -FullNameFilter $(ConvertTo-PSArray $FullNameFilter)" +
        " -ResultPath $(ConvertTo-PSString (Join-Path $TestResultsDir 'pester.xml')) -SummaryPath $(ConvertTo-PSString $summaryPath)" +
        '; exit $LASTEXITCODE'
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($command))
    # Text, not the CLIXML an encoded command otherwise writes its errors in when its output is redirected.
    & (Get-ChildPowerShell) -NoProfile -NonInteractive -OutputFormat Text -EncodedCommand $encoded | Out-Host
    if (-not (Test-Path $summaryPath)) {
        Write-Host "Pester produced no summary (exit code $LASTEXITCODE)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $summary = Get-Content -LiteralPath $summaryPath -Raw | ConvertFrom-Json
    # A summary without counts means the run broke: never let that read as "0 failed".
    if ($null -eq $summary.Passed -or $null -eq $summary.Failed -or $null -eq $summary.Skipped) {
        Write-Host "Pester's summary has no counts: $summaryPath"
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    $summary
}

# Layout (IDE0055), unused usings (IDE0005) and the analyzers fail `dotnet build` itself. Two rules the compiler does
# not report are checked here and count like tests: the order of usings (System first, then alphabetical), which only
# dotnet format's IMPORTS pass sees, and no C# line longer than .editorconfig's max_line_length.
function Invoke-StyleChecks {
    Write-Step 'Checking code style (order of usings, line length)'
    $failed = 0
    & dotnet format style (Join-Path $RepoRoot 'ModeScim.slnx') --verify-no-changes --no-restore --diagnostics IMPORTS | Out-Host
    if ($LASTEXITCODE -ne 0) {
        Write-Host "Usings are out of order (exit code $LASTEXITCODE). Run: dotnet format style ModeScim.slnx --diagnostics IMPORTS"
        $failed++
    }
    $limit = 140
    $long = @(Get-ChildItem -Path (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'tests') -Filter '*.cs' -Recurse |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
        Select-String -Pattern ('^.{' + ($limit + 1) + ',}$'))
    if ($long.Count -gt 0) {
        $long | ForEach-Object { Write-Host ("{0}:{1} is {2} characters long" -f $_.Path, $_.LineNumber, $_.Line.Length) }
        Write-Host "$($long.Count) line(s) are longer than $limit characters."
        $failed++
    }
    [pscustomobject]@{ Passed = 2 - $failed; Failed = $failed; Skipped = 0 }
}

# True when Child is Parent or inside it (case-insensitively where the file system is, on Windows).
function Test-PathWithin([string] $Child, [string] $Parent) {
    $comparison = if ([System.IO.Path]::DirectorySeparatorChar -eq '\') { 'OrdinalIgnoreCase' } else { 'Ordinal' }
    $Child.Equals($Parent, $comparison) -or $Child.StartsWith($Parent + [System.IO.Path]::DirectorySeparatorChar, $comparison)
}

function Resolve-TestPath([string] $Item) {
    foreach ($candidate in @($Item, (Join-Path $RepoRoot $Item))) {
        if (Test-Path -LiteralPath $candidate) {
            return [System.IO.Path]::GetFullPath((Resolve-Path -LiteralPath $candidate).ProviderPath).TrimEnd('\', '/')
        }
    }
    throw "No test file or folder '$Item' (a relative path is looked for in the current folder, then in the repository)."
}

# The dotnet test filter that runs the test classes declared in these .cs files: "Namespace.Class." as a
# substring of each test's full name, so that a class named as the start of another's name is not taken too.
function Get-UnitClassFilter([string] $FullPath) {
    $files = if (Test-Path -LiteralPath $FullPath -PathType Container) {
        @(Get-ChildItem -LiteralPath $FullPath -Filter '*.cs' -Recurse | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
    }
    elseif ($FullPath -like '*.cs') { @(Get-Item -LiteralPath $FullPath) }
    else { throw "'$FullPath' is in tests/Unit but is not a .cs file: name a test class's file or a folder." }
    $terms = foreach ($file in $files) {
        $text = Get-Content -LiteralPath $file.FullName -Raw
        $namespace = [regex]::Match($text, '(?m)^\s*namespace\s+([\w.]+)').Groups[1].Value
        foreach ($class in [regex]::Matches($text, '\bclass\s+(\w+)')) {
            "FullyQualifiedName~$namespace.$($class.Groups[1].Value)."
        }
    }
    if (@($terms).Count -eq 0) { throw "No test class is declared in '$FullPath'." }
    @($terms)
}

# What -Path selects. No -Path: the style checks, all of xunit and the whole Pester folder. A path in tests/Unit:
# xunit, filtered to its classes; a folder holding tests/Unit (the repository, tests/): all of xunit and Pester on
# the folder; any other path: Pester on it, wherever it is.
function Get-TestSelection {
    if ($Path.Count -eq 0) {
        return [pscustomobject]@{ Style = $true; Unit = $true; UnitFilter = ''; Pester = @(Join-Path $RepoRoot 'tests/Pester') }
    }
    $unitRoot = [System.IO.Path]::GetFullPath((Join-Path $RepoRoot 'tests/Unit'))
    $unit = $false
    $unitTerms = @()
    $allUnit = $false
    $pester = @()
    foreach ($item in $Path) {
        $full = Resolve-TestPath $item
        if (Test-PathWithin $unitRoot $full) {
            $unit = $true
            $allUnit = $true
            if (-not (Test-PathWithin $full $unitRoot)) { $pester += $full }
        }
        elseif (Test-PathWithin $full $unitRoot) {
            $unit = $true
            $unitTerms += Get-UnitClassFilter $full
        }
        else {
            $pester += $full
        }
    }
    $filter = if ($allUnit) { '' } else { ($unitTerms | Select-Object -Unique) -join '|' }
    [pscustomobject]@{ Style = $false; Unit = $unit; UnitFilter = $filter; Pester = $pester }
}

function Invoke-Test {
    $selection = Get-TestSelection
    $null = New-Item -ItemType Directory -Path $TestResultsDir -Force
    # Package.Tests.ps1 installs the package: build it only when that file is among those to run.
    $packageTests = [System.IO.Path]::GetFullPath((Join-Path $RepoRoot 'tests/Pester/Package.Tests.ps1'))
    if (@($selection.Pester | Where-Object { Test-PathWithin $packageTests ([System.IO.Path]::GetFullPath($_)) }).Count -gt 0) {
        Invoke-Package
    }
    $none = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    $style = if ($selection.Style) { Invoke-StyleChecks } else { $none }
    $unit = if ($selection.Unit) { Invoke-UnitTests -Filter $selection.UnitFilter } else { $none }
    $pester = if ($selection.Pester.Count -gt 0) { Invoke-PesterTests -TestPath $selection.Pester } else { $none }
    $passed = $style.Passed + $unit.Passed + $pester.Passed
    $failed = $style.Failed + $unit.Failed + $pester.Failed
    $skipped = $unit.Skipped + $pester.Skipped
    $notRun = 'not run (-Path)'
    Write-Host ('Style:  ' + $(if ($selection.Style) { "$($style.Passed) passed, $($style.Failed) failed" } else { $notRun }))
    Write-Host ('xunit:  ' + $(if ($selection.Unit) { "$($unit.Passed) passed, $($unit.Failed) failed, $($unit.Skipped) skipped" } else { $notRun }))
    Write-Host ('Pester: ' + $(if ($selection.Pester.Count -gt 0) { "$($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped" }
            else { $notRun }))
    $script:TestFailed = ($failed -gt 0) -or ($passed -eq 0)
    if ($passed -eq 0) { Write-Host 'No test ran: that counts as a failure.' }
    $script:TotalLine = "Total: $passed passed, $failed failed, $skipped skipped"
}

function Invoke-Demo {
    Write-Step "Starting the emulator with a sample workspace of $SeedUsers users"
    $token = [guid]::NewGuid().ToString('N')
    $emulator = Start-ModeScimEmulator -EmulatorPath $EmulatorDll -Token $token -Seed $SeedUsers -ExtraArguments '--jit-users', '3'
    $apiVariables = 'MODE_WORKSPACE', 'MODE_API_TOKEN', 'MODE_API_SECRET', 'MODE_API_BASE_URI'
    $previousApi = @($apiVariables | ForEach-Object { [Environment]::GetEnvironmentVariable($_) })
    $previousUri = $env:MODE_SCIM_BASE_URI
    $previousToken = $env:MODE_SCIM_TOKEN
    try {
        $env:MODE_SCIM_BASE_URI = $emulator.BaseUri
        $env:MODE_SCIM_TOKEN = $token
        $env:MODE_WORKSPACE = $emulator.Workspace
        $env:MODE_API_TOKEN = $emulator.ApiToken
        $env:MODE_API_SECRET = $emulator.ApiSecret
        $env:MODE_API_BASE_URI = $emulator.ApiBaseUri
        Write-Step 'Running examples/demo.ps1'
        & (Get-ChildPowerShell) -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'examples/demo.ps1') -ModulePath (Join-Path $ModuleDir 'ModeScim.psd1')
        if ($LASTEXITCODE -ne 0) { throw "examples/demo.ps1 failed with exit code $LASTEXITCODE." }

        Write-Step 'Running examples/offboarding.ps1 with examples/hr-export.csv'
        $demoOut = Join-Path $OutDir 'demo'
        if (Test-Path $demoOut) { Remove-Item $demoOut -Recurse -Force }
        $null = New-Item -ItemType Directory -Path $demoOut -Force
        & (Get-ChildPowerShell) -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'examples/offboarding.ps1') `
            -ModulePath (Join-Path $ModuleDir 'ModeScim.psd1') `
            -JournalPath (Join-Path $demoOut 'journal.jsonl') `
            -ReportPath (Join-Path $demoOut 'access-report.csv')
        if ($LASTEXITCODE -ne 0) { throw "examples/offboarding.ps1 failed with exit code $LASTEXITCODE." }
    }
    finally {
        $env:MODE_SCIM_BASE_URI = $previousUri
        $env:MODE_SCIM_TOKEN = $previousToken
        for ($i = 0; $i -lt $apiVariables.Count; $i++) {
            [Environment]::SetEnvironmentVariable($apiVariables[$i], $previousApi[$i])
        }
        Stop-ModeScimEmulator $emulator
        Write-Step 'Emulator stopped'
    }
}

function Invoke-Emulator {
    $token = 'emulator-token'
    $emulator = Start-ModeScimEmulator -EmulatorPath $EmulatorDll -Token $token -Seed $SeedUsers -Port $Port
    try {
        Write-Host "ModeScim emulator listening at $($emulator.BaseUri) with $SeedUsers sample users."
        Write-Host 'Connect from another PowerShell session:'
        Write-Host "  Import-Module ./out/ModeScim/$ModuleVersion/ModeScim.psd1"
        Write-Host "  Connect-ModeScim -BaseUri '$($emulator.BaseUri)' -Token (ConvertTo-SecureString '$token' -AsPlainText -Force)"
        Write-Host "With Mode's REST API (/api) as well, add:"
        Write-Host "  -ApiBaseUri '$($emulator.ApiBaseUri)' -Workspace '$($emulator.Workspace)' ``"
        Write-Host "  -ApiToken (ConvertTo-SecureString '$($emulator.ApiToken)' -AsPlainText -Force) ``"
        Write-Host "  -ApiSecret (ConvertTo-SecureString '$($emulator.ApiSecret)' -AsPlainText -Force)"
        Write-Host "Request counters: $($emulator.AdminUri)/stats   Press Ctrl+C to stop."
        $emulator.Process.WaitForExit()
    }
    finally {
        Stop-ModeScimEmulator $emulator
    }
}

# Stryker's mutation score: killed (and timed-out) mutants over every mutant that ran or had no test at all.
function Get-MutationScore([string] $ReportPath) {
    $report = Get-Content -LiteralPath $ReportPath -Raw | ConvertFrom-Json
    $statuses = @($report.files.PSObject.Properties | ForEach-Object { $_.Value.mutants } | ForEach-Object { $_.status })
    $detected = @($statuses | Where-Object { $_ -eq 'Killed' -or $_ -eq 'Timeout' }).Count
    $undetected = @($statuses | Where-Object { $_ -eq 'Survived' -or $_ -eq 'NoCoverage' }).Count
    # No mutant ran (with -Since, every one may be in a file that did not change): no score, not a score of 0.
    if ($detected + $undetected -eq 0) { return $null }
    [Math]::Round(100.0 * $detected / ($detected + $undetected), 1)
}

# Mutation testing with Stryker.NET (a local tool) and the xunit suite: the client whole, and the cmdlet
# project's pure parts (planners, guards, journal, input validation). Slow: not part of Test or CI.
function Invoke-Mutation {
    $root = Join-Path $OutDir 'mutation'
    $unit = Join-Path $RepoRoot 'tests/Unit/ModeScim.Tests.Unit.csproj'
    $targets = @(
        @{ Name = 'client'; Project = 'ModeScim.Client.csproj'; Mutate = @() },
        # Reading PSObjects (DesiredUserReader) needs the PowerShell runtime, the access list calls Windows, and
        # PipelineWork waits on the pipeline thread: Pester covers those, so they are left out. The operations run in
        # xunit against the in-process emulator with a recording host, so their order of work is mutated too.
        @{ Name = 'cmdlets'; Project = 'ModeScim.PowerShell.csproj'
            Mutate = @('**/Planning/**/*.cs', '**/Journal/**/*.cs', '**/Users/**/*.cs', '**/Identity/InputValidation.cs',
                '**/Operations/**/*.cs', '!**/Users/DesiredUserReader.cs', '!**/Journal/WindowsAccessList.cs',
                '!**/Operations/PipelineWork.cs') }
    )
    $sinceCommit = $null
    if ($Since) {
        # Stryker looks the ref up itself and finds no abbreviated commit id ("fc396f5"): it gets the full id git finds.
        $sinceCommit = & git -C $RepoRoot rev-parse --verify --quiet "$Since^{commit}"
        if ($LASTEXITCODE -ne 0 -or -not $sinceCommit) { throw "-Since '$Since' names no commit in this repository." }
    }
    $scores = [ordered]@{}
    foreach ($target in $targets) {
        $output = Join-Path $root $target.Name
        Write-Step "Mutation testing $($target.Project) into $output"
        $arguments = @('dotnet-stryker', '--project', $target.Project, '--test-project', $unit, '--reporter', 'json', '--reporter', 'html',
            '--reporter', 'progress', '--output', $output)
        foreach ($glob in $target.Mutate) { $arguments += @('--mutate', $glob) }
        # Stryker takes the ref in the same argument: --since:<committish>.
        if ($sinceCommit) { $arguments += "--since:$sinceCommit" }
        $report = Join-Path $output 'reports/mutation-report.json'
        if (Test-Path $report) { Remove-Item $report -Force }
        Push-Location (Join-Path $RepoRoot 'tests/Unit')
        try { Invoke-Native dotnet $arguments }
        finally { Pop-Location }
        # With -Since, a project with no changed file has no mutant to report: no score, rather than a stale one.
        $scores[$target.Name] = if (Test-Path $report) { Get-MutationScore $report } else { $null }
    }
    if ($Since) { $scores['since'] = $Since }
    $scores | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $root 'score.json') -Encoding UTF8
    $shown = foreach ($name in 'client', 'cmdlets') { "$name $(if ($null -eq $scores[$name]) { 'no mutant' } else { "$($scores[$name])%" })" }
    Write-Host ("Mutation score$(if ($Since) { " of what changed since $Since" }): $($shown -join ', ') (out/mutation/score.json)")
}

function Invoke-Bench {
    Write-Step "Benchmark at $LatencyMs ms latency$(if ($Smoke) { ' (smoke sizes)' })"
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $RepoRoot 'build/Invoke-Benchmark.ps1'),
        '-ModuleManifest', (Join-Path $ModuleDir 'ModeScim.psd1'), '-EmulatorPath', $EmulatorDll,
        '-OutDir', (Join-Path $OutDir 'bench'), '-LatencyMs', $LatencyMs)
    if ($Smoke) { $arguments += '-Smoke' }
    if ($Scenario.Count -gt 0) { $arguments += @('-Scenario', ($Scenario -join ',')) }
    & (Get-ChildPowerShell) @arguments
    if ($LASTEXITCODE -ne 0) { throw "The benchmark failed with exit code $LASTEXITCODE." }
}

function Invoke-Package {
    # PSResourceGet ships with PowerShell 7.4 and later; on Windows PowerShell 5.1 install it first.
    $repository = Join-Path $OutDir 'repository'
    if (Test-Path $repository) { Remove-Item $repository -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $repository -Force
    $name = 'ModeScimBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
    Write-Step "Publishing ModeScim $ModuleVersion into the folder repository $repository"
    Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try {
        Publish-PSResource -Path $ModuleDir -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
    $package = Get-ChildItem -Path $repository -Filter "ModeScim.$ModuleVersion*.nupkg" | Select-Object -First 1
    if (-not $package) { throw "Publish-PSResource wrote no package into $repository." }
    Copy-Item $package.FullName (Join-Path $OutDir "ModeScim.$ModuleVersion.nupkg") -Force
    Write-Step "Package: $(Join-Path $OutDir "ModeScim.$ModuleVersion.nupkg")"
}

function Invoke-Clean {
    Write-Step 'Removing out/ and bin/obj folders'
    if (Test-Path $OutDir) { Remove-Item $OutDir -Recurse -Force }
    foreach ($root in @('src', 'tests', 'build')) {
        Get-ChildItem -Path (Join-Path $RepoRoot $root) -Directory -Recurse -Include 'bin', 'obj' -ErrorAction SilentlyContinue |
            Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
    }
}

$tasks = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$known = @('Bootstrap', 'Build', 'Test', 'Demo', 'Emulator', 'Bench', 'Mutation', 'Package', 'Clean')
foreach ($name in $tasks) {
    if ($known -notcontains $name) {
        throw "Unknown task '$name'. Known tasks: $($known -join ', ')."
    }
}

$script:TestFailed = $false
$script:TotalLine = $null
$built = $false
foreach ($name in $tasks) {
    switch ($name) {
        'Bootstrap' { Invoke-Bootstrap }
        'Build' { Invoke-BuildTask; $built = $true }
        'Clean' { Invoke-Clean; $built = $false }
        default {
            if (-not $built -and -not $NoBuild) {
                if ($name -eq 'Test') { Invoke-Bootstrap }
                Invoke-BuildTask
                $built = $true
            }
            switch ($name) {
                'Test' { Invoke-Test }
                'Demo' { Invoke-Demo }
                'Emulator' { Invoke-Emulator }
                'Bench' { Invoke-Bench }
                'Mutation' { Invoke-Mutation }
                'Package' { Invoke-Package }
            }
        }
    }
}

if ($null -ne $script:TotalLine) {
    # CI reads this exact line, so it must be the last thing printed.
    Write-Host $script:TotalLine
}
if ($script:TestFailed) { exit 1 }
exit 0
