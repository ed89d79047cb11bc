BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Module = Get-Module ModeScim
    $script:Assembly = [ModeScim.PowerShell.Commands.GetModeUserCommand].Assembly
    $script:CompiledCmdlets = @($script:Assembly.GetTypes() |
        ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
        ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object)
}

Describe 'The ModeScim module' {
    It 'is imported from the built output, not from the sources' {
        $script:Module.ModuleBase | Should -BeLike '*out*ModeScim*'
        $script:Module.ModuleBase | Should -Not -BeLike '*src*'
    }

    It 'exports exactly the cmdlets it compiles' {
        @($script:Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $script:CompiledCmdlets
    }

    It 'declares its output type on every cmdlet' {
        $script:Assembly.GetTypes() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false).Count | Should -BeGreaterThan 0 -Because $_.Name }
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        $script:CompiledCmdlets | ForEach-Object { $approved | Should -Contain ($_ -split '-')[0] }
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7 by its manifest' {
        $manifest = Import-PowerShellDataFile (Join-Path $script:Module.ModuleBase 'ModeScim.psd1')
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CmdletsToExport | Should -Not -Contain '*'
    }

    It 'compiles against System.Text.Json 8 at most, so the host''s copy can serve it' {
        $reference = [ModeScim.Client.ScimClient].Assembly.GetReferencedAssemblies() | Where-Object Name -eq 'System.Text.Json'
        $reference.Version.Major | Should -BeLessOrEqual 8
    }

    It 'ships a dependency closure that Windows PowerShell 5.1 can load by simple name' {
        # What .NET Framework 4.7.2 and the host provide; every other reference must ship beside the module,
        # where the module's resolver finds it by simple name whatever version is asked for.
        $framework = @('mscorlib', 'netstandard', 'System', 'System.Core', 'System.Net.Http', 'System.Numerics', 'System.Xml',
            'System.Runtime', 'System.Runtime.InteropServices.RuntimeInformation', 'System.Management.Automation', 'Microsoft.CSharp')
        $dlls = @(Get-ChildItem -Path $script:Module.ModuleBase -Filter '*.dll')
        $shipped = @($dlls | ForEach-Object { $_.BaseName })
        $unresolved = foreach ($dll in $dlls) {
            $stream = [System.IO.File]::OpenRead($dll.FullName)
            try {
                $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
                foreach ($handle in $reader.AssemblyReferences) {
                    $name = $reader.GetString($reader.GetAssemblyReference($handle).Name)
                    if ($shipped -notcontains $name -and $framework -notcontains $name) { "$($dll.Name) -> $name" }
                }
            }
            finally {
                $stream.Dispose()
            }
        }

        @($unresolved) | Should -BeNullOrEmpty
        $shipped | Should -Contain 'System.Text.Json'
    }

    It 'ships its dependencies beside the module for Windows PowerShell 5.1' {
        foreach ($name in 'ModeScim.Client.dll', 'System.Text.Json.dll', 'Microsoft.Bcl.AsyncInterfaces.dll', 'System.Memory.dll') {
            Join-Path $script:Module.ModuleBase $name | Should -Exist
        }
        Join-Path $script:Module.ModuleBase 'System.Management.Automation.dll' | Should -Not -Exist
    }
}
