/system script
