<#
.SYNOPSIS
    The one entry point for building, testing and demonstrating ModeScim.
.DESCRIPTION
    Tasks (run in the order given; several may be named, as -Task Build,Test or "Build,Test"):
      Bootstrap  restore the local tools (PowerShell), Pester from NuGet, and the solution's packages
      Build      compile, then lay out the importable module under out/ModeScim/<version>
      Test       style checks, xunit, then Pester in a child process against the built module; results in
                 out/test-results
      Demo       start the emulator with a sample workspace and run examples/demo.ps1, then
                 examples/offboarding.ps1 with examples/hr-export.csv, against it
      Emulator   run the emulator in the foreground and print how to connect to it (-Port N for a fixed
                 port, -SeedUsers N for the sample workspace's size)
      Package    out/ModeScim.<version>.nupkg, published with Publish-PSResource into out/repository
      Bench      measure ModeScim against naive Invoke-RestMethod loops; out/bench/results.md and .json
                 (-LatencyMs, default 20; -Smoke for tiny sizes; -Scenario list-users,nightly,... for some only)
      Mutation   Stryker.NET over the client and the cmdlets' pure parts with the xunit suite; reports in
                 out/mutation/, scores in out/mutation/score.json (slow: not part of Test)
      Clean      remove out/ and every bin/obj folder
    Test, Demo, Emulator, Bench, Mutation and Package build first unless -NoBuild is given; Test also packages,
    since a test installs the package.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
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

    # Bench: only these scenarios (list-users, sync-group, disable-users, group-members, nightly, memory, import).
    [string[]] $Scenario = @()
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
if (Get-Variable -Name PSStyle -ErrorAction SilentlyContinue) {
    $PSStyle.OutputRendering = 'PlainText'
}

$RepoRoot = $PSScriptRoot
$OutDir = Join-Path $RepoRoot 'out'
$TestResultsDir = Join-Path $OutDir 'test-results'
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
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = & dotnet nuget locals global-packages --list
        $packages = ($line -replace '^\s*global-packages:\s*', '').Trim()
    }
    Join-Path (Join-Path (Join-Path (Join-Path $packages 'pester') $PesterVersion) 'tools') 'Pester.psd1'
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

function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -LiteralPath $Path -Raw
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $counters.passed
        Failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        Skipped = [int] $counters.notExecuted
    }
}

function Invoke-UnitTests {
    Write-Step 'Running xunit tests'
    $trxName = 'unit.trx'
    $trxPath = Join-Path $TestResultsDir $trxName
    if (Test-Path $trxPath) { Remove-Item $trxPath -Force }
    & dotnet test (Join-Path $RepoRoot 'tests/Unit/ModeScim.Tests.Unit.csproj') -c $Configuration --no-build --nologo `
        --logger "trx;LogFileName=$trxName" --logger 'console;verbosity=normal' --results-directory $TestResultsDir | Out-Host
    if (-not (Test-Path $trxPath)) {
        Write-Host "xunit produced no results file (exit code $LASTEXITCODE)."
        return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 }
    }
    Read-TrxCounts $trxPath
}

function Invoke-PesterTests {
    Write-Step 'Running Pester tests against the built module'
    $pester = Get-PesterManifestPath
    if (-not (Test-Path $pester)) {
        throw "Pester $PesterVersion is not restored at '$pester'. Run: dotnet pwsh ./build.ps1 Bootstrap"
    }
    $summaryPath = Join-Path $TestResultsDir 'pester-summary.json'
    if (Test-Path $summaryPath) { Remove-Item $summaryPath -Force }
    $runner = Join-Path $RepoRoot 'tests/Pester/Invoke-PesterRun.ps1'
    & (Get-ChildPowerShell) -NoProfile -NonInteractive -File $runner `
        -PesterPath $pester `
        -ModuleManifest (Join-Path $ModuleDir 'ModeScim.psd1') `
        -EmulatorPath $EmulatorDll `
        -TestPath (Join-Path $RepoRoot 'tests/Pester') `
        -ResultPath (Join-Path $TestResultsDir 'pester.xml') `
        -SummaryPath $summaryPath | Out-Host
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

function Invoke-Test {
    $null = New-Item -ItemType Directory -Path $TestResultsDir -Force
    $style = Invoke-StyleChecks
    $unit = Invoke-UnitTests
    $pester = Invoke-PesterTests
    $passed = $style.Passed + $unit.Passed + $pester.Passed
    $failed = $style.Failed + $unit.Failed + $pester.Failed
    $skipped = $unit.Skipped + $pester.Skipped
    Write-Host "Style:  $($style.Passed) passed, $($style.Failed) failed"
    Write-Host "xunit:  $($unit.Passed) passed, $($unit.Failed) failed, $($unit.Skipped) skipped"
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
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
    if ($detected + $undetected -eq 0) { return 0 }
    [Math]::Round(100.0 * $detected / ($detected + $undetected), 1)
}

# Mutation testing with Stryker.NET (a local tool) and the xunit suite: the client whole, and the cmdlet
# project's pure parts (planners, guards, journal, input validation). Slow: not part of Test or CI.
function Invoke-Mutation {
    $root = Join-Path $OutDir 'mutation'
    $unit = Join-Path $RepoRoot 'tests/Unit/ModeScim.Tests.Unit.csproj'
    $targets = @(
        @{ Name = 'client'; Project = 'ModeScim.Client.csproj'; Mutate = @() },
        # Reading PSObjects (DesiredUserReader) needs the PowerShell runtime and the access list calls Windows: Pester
        # covers those, so they are left out.
        @{ Name = 'cmdlets'; Project = 'ModeScim.PowerShell.csproj'
            Mutate = @('**/Planning/**/*.cs', '**/Journal/**/*.cs', '**/Users/**/*.cs', '**/Identity/InputValidation.cs',
                '!**/Users/DesiredUserReader.cs', '!**/Journal/WindowsAccessList.cs') }
    )
    $scores = [ordered]@{}
    foreach ($target in $targets) {
        $output = Join-Path $root $target.Name
        Write-Step "Mutation testing $($target.Project) into $output"
        $arguments = @('dotnet-stryker', '--project', $target.Project, '--test-project', $unit, '--reporter', 'json', '--reporter', 'html',
            '--reporter', 'progress', '--output', $output)
        foreach ($glob in $target.Mutate) { $arguments += @('--mutate', $glob) }
        Push-Location (Join-Path $RepoRoot 'tests/Unit')
        try { Invoke-Native dotnet $arguments }
        finally { Pop-Location }
        $scores[$target.Name] = Get-MutationScore (Join-Path $output 'reports/mutation-report.json')
    }
    $scores | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $root 'score.json') -Encoding UTF8
    Write-Host "Mutation score: client $($scores.client)%, cmdlets $($scores.cmdlets)% (out/mutation/score.json)"
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
                'Test' { Invoke-Package; Invoke-Test }
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
