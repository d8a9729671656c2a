#Version: 3.0 alpha
#Fecha: 22-08-2017
#RouterOS 6.40 y superior.
#Comentario:

:global setLastError;
:local lScriptName "config-";

#TODO-BEGIN

#TODO-END

$setLastError 0 ("$lScriptName cargado.");