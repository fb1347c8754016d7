# Windows: builds Scribe (PyInstaller one-folder) and its installer (Inno Setup), one command:
#
#   powershell -ExecutionPolicy Bypass -File installer\build.ps1 [-NoLocalModel]
#
# Needs: .venv made with Python 3.11+ and `pip install -e ".[local-llm,local-model,build]"`
# (llama-cpp-python builds with Visual Studio Build Tools + CMake; set
# CMAKE_ARGS=-DGGML_NATIVE=OFF for a portable build), and Inno Setup 6 (ISCC.exe).
# Output: build\dist\scribe\ (scribe-gui.exe, scribe.exe) and build\Scribe-Setup-<version>.exe.
# Not run on the Linux build machine: kept consistent with installer/scribe.spec and scribe.iss.
param([switch]$NoLocalModel)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) { throw "No .venv: create it and install Scribe first (see README)." }
& $py -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) { & $py -m pip install -q "pyinstaller>=6.10,<7" }

$specArgs = @()
if ($NoLocalModel) { $specArgs += "--no-local-model" }
$start = Get-Date
& $py -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath build\dist --workpath build\pyinstaller installer\scribe.spec -- @specArgs
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$version = (& build\dist\scribe\scribe.exe --version).Split(" ")[1]
$iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe") |
    Where-Object { Test-Path $_ } | Select-Object -First 1
if (-not $iscc) { throw "Inno Setup 6 (ISCC.exe) not found: install it from jrsoftware.org." }
& $iscc "/DAppVersion=$version" installer\windows\scribe.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
"Built in {0:N0} s: build\Scribe-Setup-$version.exe" -f ((Get-Date) - $start).TotalSeconds
